using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class TaskLimitPolicyTests
{
    private static readonly ResourceRequest Limited = new(MemoryBytesPerChunk: 100L << 20, Walltime: TimeSpan.FromMinutes(10));

    [Fact]
    public void Decide_CpuTimeOverCput_KillsNamingCput()
    {
        var request = new ResourceRequest { CpuTime = TimeSpan.FromSeconds(30) };

        Assert.False(TaskLimitPolicy.Decide(request, TimeSpan.FromSeconds(40), 0, TimeSpan.FromSeconds(30)).Kill);
        Assert.StartsWith("cput 00:00:31 exceeded limit 00:00:30", TaskLimitPolicy.Decide(request, TimeSpan.FromSeconds(40), 0, TimeSpan.FromSeconds(31)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WithinLimits_KeepsRunning() =>
        Assert.False(TaskLimitPolicy.Decide(Limited, TimeSpan.FromMinutes(10), 100L << 20).Kill);

    [Fact]
    public void Decide_OverWalltime_KillsNamingBothTimes()
    {
        var v = TaskLimitPolicy.Decide(Limited, TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1), 0);

        Assert.True(v.Kill);
        Assert.Contains("walltime 00:10:01 exceeded limit 00:10:00", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_OverMemory_KillsNamingBothSizes()
    {
        var v = TaskLimitPolicy.Decide(Limited, TimeSpan.Zero, (100L << 20) + 1);

        Assert.True(v.Kill);
        Assert.Contains("memory 101 MiB exceeded limit 100 MiB", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NoLimitsAsked_NeverKills() =>
        Assert.False(TaskLimitPolicy.Decide(ResourceRequest.Default, TimeSpan.FromDays(300), long.MaxValue).Kill);

    [Fact]
    public void Decide_BothExceeded_ReportsWalltimeFirst() =>
        Assert.StartsWith("walltime", TaskLimitPolicy.Decide(Limited, TimeSpan.FromHours(1), long.MaxValue).Reason, StringComparison.Ordinal);
}
