using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Metrics;
using OpenMosixBatch.Server.Queue;
using static OpenMosixBatch.Server.Tests.Web.DashboardTestJobs;

namespace OpenMosixBatch.Server.Tests.Metrics;

/// <summary>A completed move (its count, bytes and duration) is counted under the typed cause rank 0 sent with it; its words never decide the label.</summary>
public sealed class QueueChangeMetricsTests
{
    [Theory]
    [InlineData(MigrationReason.CpuGain, "node1 is below its free-memory low-water mark (expel)", "cpu_gain")]
    [InlineData(MigrationReason.MemoryUshering, "finishes 40 s sooner on node2", "memory_ushering")]
    [InlineData(MigrationReason.Expel, "omb migrate by root", "expel")]
    [InlineData(MigrationReason.Manual, "memory", "manual")]
    public void Record_CompletedMove_IsCountedByItsTypedCause_NotByItsText(MigrationReason cause, string text, string label)
    {
        // The bytes are this case's own, so a move counted by another test running meanwhile is not taken for it.
        var bytes = 7_654_321L + (long)cause;
        var job = Running(41, Alice, "node1", T0, T0);
        var moving = job with { Tasks = [job.Tasks[0] with { Migration = new PendingMigration("node1", "node2", T0, text, bytes, cause) }] };
        var moved = job with
        {
            Tasks = [job.Tasks[0] with { Node = ExecutionHosts.Parse("node2"), Migrations = 1, LastMigration = new TaskMigration("node1", "node2", bytes, TimeSpan.FromSeconds(1), T0) }],
        };

        using var causes = new MeterTags("omb.migration", "cause", bytes);
        QueueChangeMetrics.Record(State(moving), new JobStoreBatch([moved], [], 42));

        Assert.Equal([label], causes.Values);
    }

    [Fact]
    public void Cause_NoTypedCause_IsUnknown() => Assert.Equal("unknown", QueueChangeMetrics.Cause(null));
}
