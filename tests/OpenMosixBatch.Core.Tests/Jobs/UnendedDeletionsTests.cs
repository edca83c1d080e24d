using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class UnendedDeletionsTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    private static readonly Dictionary<TaskKey, DateTimeOffset> NoneAbsent = [];
    private static readonly HashSet<TaskKey> NoneRunning = [];

    /// <summary>A job running on node1 that qdel moved to E: its node has not reported the end yet.</summary>
    private static Job BeingDeleted(long id) => JobStateRules.Delete(Running(Submit(id), "node1", T0), null, "alice", T1).Job!;

    [Fact]
    public void Scan_DeletedTaskNotRunning_IsAbsentFromNow_ButNotYetOverdue()
    {
        var scan = UnendedDeletions.Scan([BeingDeleted(1)], NoneRunning, NoneAbsent, T1, Grace);

        Assert.Equal(T1, scan.AbsentSince[new TaskKey(1, 0)]);
        Assert.Empty(scan.Overdue);
    }

    [Fact]
    public void Scan_DeletedTaskAbsentForTheWholeGrace_IsOverdue()
    {
        var first = UnendedDeletions.Scan([BeingDeleted(1)], NoneRunning, NoneAbsent, T1, Grace);

        var later = UnendedDeletions.Scan([BeingDeleted(1)], NoneRunning, first.AbsentSince, T1 + Grace, Grace);

        Assert.Equal([new TaskKey(1, 0)], later.Overdue);
        Assert.Equal(T1, later.AbsentSince[new TaskKey(1, 0)]);
    }

    [Fact]
    public void Scan_DeletedTaskThatItsWorldStillRuns_IsNeverOverdue()
    {
        var absent = new Dictionary<TaskKey, DateTimeOffset> { [new TaskKey(1, 0)] = T1 };

        var scan = UnendedDeletions.Scan([BeingDeleted(1)], new HashSet<TaskKey> { new TaskKey(1, 0) }, absent, T1 + (Grace * 10), Grace);

        Assert.Empty(scan.Overdue);
        Assert.Empty(scan.AbsentSince);
    }

    [Theory]
    [InlineData("running")]
    [InlineData("exiting for a limit")]
    [InlineData("deleted")]
    public void Scan_TaskNotBeingDeleted_IsNeverOverdue(string what)
    {
        var running = Running(Submit(1), "node1", T0);
        var job = what switch
        {
            "running" => running,
            "exiting for a limit" => TaskRunRules.Exiting(running, 0, "walltime 00:01:00 exceeded", T1)!,
            _ => TaskRunRules.Lost(BeingDeleted(1), 0, "gone", T1)!.Job!,
        };
        var absent = new Dictionary<TaskKey, DateTimeOffset> { [new TaskKey(1, 0)] = T0 };

        var scan = UnendedDeletions.Scan([job], NoneRunning, absent, T1 + (Grace * 10), Grace);

        Assert.Empty(scan.Overdue);
        Assert.Empty(scan.AbsentSince);
    }

    [Fact]
    public void Scan_OverdueTask_EndsDeletedThroughLost()
    {
        var job = BeingDeleted(1);
        var scan = UnendedDeletions.Scan([job], NoneRunning, new Dictionary<TaskKey, DateTimeOffset> { [new TaskKey(1, 0)] = T1 }, T1 + Grace, Grace);
        Assert.Single(scan.Overdue);

        var ended = TaskRunRules.Lost(job, 0, "its node never reported its end", T1 + Grace)!.Job!;

        Assert.Equal((JobState.Deleted, "deleted by alice"), (ended.State, ended.Tasks[0].Reason));
    }

    [Fact]
    public void IsBeingDeleted_MigratingTaskQdeledBeforeItsCheckpointWasCommitted_IsTrue()
    {
        var migrating = CheckpointRules.Migrating(Running(Submit(1, Spec() with { Checkpoint = new CheckpointPolicy(CheckpointMode.Enabled) }), "node1", T0), 0, "node1", "node2", null, T1)!.Job!;

        var deleted = JobStateRules.Delete(migrating, null, "alice", T1).Job!;

        Assert.True(UnendedDeletions.IsBeingDeleted(deleted.Tasks[0]));
    }
}
