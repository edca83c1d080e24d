using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

/// <summary>The records omb-shepherd writes, read strictly: a whole record or none.</summary>
public sealed class ShepherdRecordTests
{
    [Fact]
    public void ParseEnd_Exit_IsTheCodeWithTheTreesCpuAndPeakMemory()
    {
        var end = ShepherdRecord.ParseEnd("exit 3\nuser_us 1500000\nsystem_us 250000\nmaxrss_kb 2048\n");

        Assert.Equal(new TaskEnd(3, TimeSpan.FromMilliseconds(1750), 2048 * 1024), end);
    }

    [Fact]
    public void ParseEnd_Signal_Is128PlusTheSignal_AsAShellReportsIt()
    {
        Assert.Equal(128 + 9, ShepherdRecord.ParseEnd("signal 9\nuser_us 0\nsystem_us 0\nmaxrss_kb 0\n")!.ExitStatus);
    }

    [Theory]
    [InlineData("")]
    [InlineData("exit 3\nuser_us 1\nsystem_us 1\n")]
    [InlineData("exit 3\nuser_us 1\nsystem_us 1\nmaxrss_kb")]
    [InlineData("exit 256\nuser_us 1\nsystem_us 1\nmaxrss_kb 1\n")]
    [InlineData("signal 0\nuser_us 1\nsystem_us 1\nmaxrss_kb 1\n")]
    [InlineData("exit -1\nuser_us 1\nsystem_us 1\nmaxrss_kb 1\n")]
    [InlineData("exit 0\nexit 1\nuser_us 1\nsystem_us 1\nmaxrss_kb 1\n")]
    [InlineData("exit 0\nuser_us 1\nsystem_us 1\nmaxrss_kb 1\nextra line here\n")]
    public void ParseEnd_PartialOrMalformed_IsNoRecord(string text)
    {
        Assert.Null(ShepherdRecord.ParseEnd(text));
    }

    [Fact]
    public void ParseStart_IsTheShepherdsPidAndStartTime_AndTheJobsPid()
    {
        Assert.Equal(new ShepherdStart(120, 4567UL, 121), ShepherdRecord.ParseStart("shepherd_pid 120\nshepherd_start_ticks 4567\njob_pid 121\n"));
    }

    [Theory]
    [InlineData("shepherd_pid 1\nshepherd_start_ticks 4567\njob_pid 121\n")]
    [InlineData("shepherd_pid 120\njob_pid 121\n")]
    [InlineData("shepherd_pid 120\nshepherd_start_ticks 4567\njob_pid 0\n")]
    public void ParseStart_Malformed_IsNoRecord(string text)
    {
        Assert.Null(ShepherdRecord.ParseStart(text));
    }
}
