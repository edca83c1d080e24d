using OpenMosixBatch.Transport.Mpi.Pump;

namespace OpenMosixBatch.Transport.Mpi.Tests.Pump;

public sealed class MpiPumpOptionsTests
{
    [Fact]
    public void Validate_Defaults_Passes()
    {
        new MpiPumpOptions().Validate();
    }

    public static TheoryData<MpiPumpOptions> InvalidOptions() => new()
    {
        new MpiPumpOptions { TickInterval = TimeSpan.Zero },
        new MpiPumpOptions { IdlePollInterval = TimeSpan.Zero },
        new MpiPumpOptions { TickInterval = TimeSpan.FromMilliseconds(1), IdlePollInterval = TimeSpan.FromMilliseconds(5) },
        new MpiPumpOptions { TickBacklog = 0 },
        new MpiPumpOptions { MaxReceivesPerPass = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_OutOfRange_ThrowsNamingAnExample(MpiPumpOptions options)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Contains("e.g.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NextPollInterval_NothingExpected_DoublesUpToTheQuietInterval()
    {
        var options = new MpiPumpOptions();
        var waits = new List<TimeSpan>();
        var poll = options.IdlePollInterval;
        for (var i = 0; i < 6; i++)
        {
            poll = options.NextPollInterval(poll, messageExpected: false);
            waits.Add(poll);
        }

        Assert.Equal([4, 8, 16, 16, 16, 16], waits.Select(w => (int)w.TotalMilliseconds));
    }

    [Fact]
    public void NextPollInterval_MessageExpected_StaysAtTheIdleIntervalEvenAfterBackingOff()
    {
        var options = new MpiPumpOptions();

        Assert.Equal(options.IdlePollInterval, options.NextPollInterval(options.IdlePollInterval, messageExpected: true));
        Assert.Equal(options.IdlePollInterval, options.NextPollInterval(options.QuietPollInterval, messageExpected: true));
    }
}
