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
}
