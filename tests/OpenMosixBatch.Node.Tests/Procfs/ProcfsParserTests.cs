using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Tests.Procfs;

public sealed class ProcfsParserTests
{
    private const string Stat = "cpu  33827 5 13082 468930 1593 0 428 7 0 0\ncpu0 15768 0 6303 236555 159 0 182 0 0 0\nintr 1 2 3\n";

    [Fact]
    public void ParseStat_AggregateLine_SplitsBusyAndIdle()
    {
        var t = ProcfsParser.ParseStat(Stat);

        Assert.Equal(468930UL + 1593UL, t.Idle);
        Assert.Equal(33827UL + 5 + 13082 + 0 + 428 + 7, t.Busy);
    }

    [Fact]
    public void ParseStat_NoCpuLine_Throws() => Assert.Throws<FormatException>(() => ProcfsParser.ParseStat("intr 1\n"));

    [Theory]
    [InlineData(100, 100, 150, 150, 0.5)]
    [InlineData(100, 100, 100, 200, 0.0)]
    [InlineData(100, 100, 200, 100, 1.0)]
    [InlineData(100, 100, 100, 100, 0.0)]
    public void Utilization_BetweenSamples_IsBusyShareOfElapsedTicks(ulong b0, ulong i0, ulong b1, ulong i1, double expected) =>
        Assert.Equal(expected, CpuTimes.Utilization(new CpuTimes(b0, i0), new CpuTimes(b1, i1)), 6);

    [Fact]
    public void ParseMemInfo_ReadsTotalAndAvailableInBytes()
    {
        var m = ProcfsParser.ParseMemInfo("MemTotal:       24683620 kB\nMemFree:        24235088 kB\nMemAvailable:   12341810 kB\n");

        Assert.Equal(24683620L * 1024, m.TotalBytes);
        Assert.Equal(12341810L * 1024, m.AvailableBytes);
        Assert.Equal(0.5, m.UsedFraction, 3);
    }

    [Fact]
    public void ParseMemInfo_OldKernelWithoutMemAvailable_FallsBackToMemFree()
    {
        var m = ProcfsParser.ParseMemInfo("MemTotal: 1000 kB\nMemFree: 250 kB\n");

        Assert.Equal(250L * 1024, m.AvailableBytes);
    }

    [Fact]
    public void ParseProcessStatus_ReadsRssAndHighWaterMark()
    {
        var (rss, peak) = ProcfsParser.ParseProcessStatus("Name:\tx\nVmHWM:\t    4096 kB\nVmRSS:\t    2048 kB\n");

        Assert.Equal(2048L * 1024, rss);
        Assert.Equal(4096L * 1024, peak);
    }

    [Fact]
    public void ParseProcessIo_ReadsSyscallCounters()
    {
        var io = ProcfsParser.ParseProcessIo("rchar: 6976\nwchar: 12\nsyscr: 10\nsyscw: 3\nread_bytes: 0\n");

        Assert.Equal((6976L, 12L, 10L, 3L), io);
    }

    [Theory]
    [InlineData("4006651 13871320 2\n", 13871320UL)]
    [InlineData("0 0 0", 0UL)]
    [InlineData("12", 0UL)]
    [InlineData("", 0UL)]
    [InlineData("1 -5 3", 0UL)]
    public void ParseSchedStatWait_ReadsTheRunQueueWait(string text, ulong wait) => Assert.Equal(wait, ProcfsParser.ParseSchedStatWait(text));

    [Theory]
    [InlineData("max 100000", null)]
    [InlineData("200000 100000", 2.0)]
    [InlineData("50000 100000", 0.5)]
    public void ParseCpuMax_QuotaOverPeriod(string text, double? cpus) => Assert.Equal(cpus, ProcfsParser.ParseCpuMax(text));

    [Theory]
    [InlineData("max\n", null)]
    [InlineData("4294967296\n", 4294967296L)]
    public void ParseMemoryMax_BytesOrUnlimited(string text, long? bytes) => Assert.Equal(bytes, ProcfsParser.ParseMemoryMax(text));
}
