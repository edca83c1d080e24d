using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

/// <summary><c>omb node remove --now</c>: a task that runs again waits in E for its end; one that cannot fails at once.</summary>
public sealed class NodeRemovalRulesTests
{
    private const string Why = "its node node1 was removed from the cluster (omb node remove --now)";

    [Fact]
    public void Evict_RerunnableTask_GoesToExiting_AndOnlyItsEndRequeuesIt()
    {
        var job = Running(Submit(1), "node1", T0);

        var evicted = NodeRemovalRules.Evict(job, "node1", Why, T0);

        var exiting = Assert.Single(evicted).Job!;
        Assert.Equal((JobState.Exiting, JobState.Exiting, "node1"), (exiting.State, exiting.Tasks[0].State, exiting.Tasks[0].Node?.ToString()));
        Assert.Equal("requeued by omb node remove --now of node1", exiting.Tasks[0].Reason);
        Assert.Equal("rerun", evicted[0].Event!.Kind);

        // Still active on the node (the membership waits for it), and not queued: no rerun can start beside it.
        Assert.True(exiting.Tasks[0].State.IsActive());
        var ended = TaskRunRules.Ended(exiting, 0, new TaskOutcome(137, T0.AddSeconds(1), TimeSpan.FromSeconds(2), 1 << 20, null), T0.AddSeconds(1))!;
        Assert.Equal((JobState.Queued, 1, (string?)null), (ended.Job!.Tasks[0].State, ended.Job.Tasks[0].Requeues, ended.Job.Tasks[0].Node?.ToString()));
        Assert.StartsWith("requeued by omb node remove --now of node1; starts again", ended.Job.Tasks[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evict_RerunnableTaskWhoseNodeIsLostBeforeItsEnd_IsRequeued()
    {
        var exiting = NodeRemovalRules.Evict(Running(Submit(1), "node1", T0), "node1", Why, T0)[0].Job!;

        var lost = TaskRunRules.Lost(exiting, 0, "its node was cut off", T0)!;

        Assert.Equal((JobState.Queued, 1), (lost.Job!.Tasks[0].State, lost.Job.Tasks[0].Requeues));
    }

    [Fact]
    public void Evict_NotRerunnableTask_FailsAtOnce_WithTheReason()
    {
        var job = Running(Submit(1, Spec() with { Rerunnable = false }), "node1", T0);

        var evicted = NodeRemovalRules.Evict(job, "node1", Why, T0);

        var failed = Assert.Single(evicted).Job!;
        Assert.Equal(JobState.Failed, failed.Tasks[0].State);
        Assert.StartsWith(Why, failed.Tasks[0].Reason, StringComparison.Ordinal);
        Assert.Equal(NodeRemovalOutcome.LoseNow, NodeRemovalRules.Decide(job, job.Tasks[0], "node1"));
    }

    [Fact]
    public void Evict_NotRerunnableTaskWithACheckpoint_WaitsForItsEnd_ThenResumes()
    {
        var running = Running(Submit(1, Spec() with { Rerunnable = false, Checkpoint = new CheckpointPolicy(CheckpointMode.Enabled) }), "node1", T0);
        var job = running with { Tasks = [running.Tasks[0] with { Checkpoints = [new TaskCheckpoint(2, T0, 10, "abc")], CheckpointGeneration = 2 }] };

        Assert.Equal(NodeRemovalOutcome.EndThenRequeue, NodeRemovalRules.Decide(job, job.Tasks[0], "node1"));
        var exiting = NodeRemovalRules.Evict(job, "node1", Why, T0)[0].Job!;
        var ended = TaskRunRules.Ended(exiting, 0, new TaskOutcome(137, T0, TimeSpan.Zero, 0, null), T0)!;

        Assert.Equal((JobState.Queued, 2), (ended.Job!.Tasks[0].State, ended.Job.Tasks[0].LastCheckpoint!.Generation));
    }

    [Theory]
    [InlineData("node2")]
    [InlineData("node2,node3")]
    public void Evict_TaskOnAnotherNode_IsUntouched(string node)
    {
        var job = Running(Submit(1), node, T0);

        Assert.Empty(NodeRemovalRules.Evict(job, "node1", Why, T0));
    }

    [Fact]
    public void Evict_TaskWithAChunkOnTheNode_IsEnded()
    {
        var job = Running(Submit(1), "node2,node1", T0);

        Assert.Equal(JobState.Exiting, Assert.Single(NodeRemovalRules.Evict(job, "node1", Why, T0)).Job!.Tasks[0].State);
    }

    [Fact]
    public void Evict_TaskBeingDeleted_IsLeftToItsDeletion()
    {
        var job = Running(Submit(1), "node1", T0);
        var deleting = JobStateRules.Delete(job, null, "alice", T0).Job!;

        Assert.Equal(JobState.Exiting, deleting.Tasks[0].State);
        Assert.Empty(NodeRemovalRules.Evict(deleting, "node1", Why, T0));
    }

    [Fact]
    public void Evict_MigratingTask_IsSettledAtOnce_AsALostNodesTask()
    {
        var running = Running(Submit(1), "node1", T0);
        var job = running with { Tasks = [running.Tasks[0] with { State = JobState.Migrating, Migration = new PendingMigration("node1", "node2", T0, null) }] };

        var evicted = NodeRemovalRules.Evict(job, "node1", Why, T0);

        Assert.Equal(NodeRemovalOutcome.LoseNow, NodeRemovalRules.Decide(job, job.Tasks[0], "node1"));
        Assert.Equal(JobState.Queued, Assert.Single(evicted).Job!.Tasks[0].State);
    }

    [Fact]
    public void Evict_ArrayWithTasksHereAndElsewhere_EndsOnlyThoseHere()
    {
        var submitted = Submit(1, Spec() with { Array = new ArraySpec([0, 1, 2]) });
        var job = submitted with
        {
            Tasks = [.. submitted.Tasks.Select(t => t with { State = JobState.Running, Node = ExecutionHosts.On(t.Index == 1 ? "node2" : "node1"), StartTime = T0 })],
            State = JobState.Running,
        };

        var evicted = NodeRemovalRules.Evict(job, "node1", Why, T0);

        Assert.Equal(2, evicted.Count);
        Assert.Equal([JobState.Exiting, JobState.Running, JobState.Exiting], evicted[^1].Job!.Tasks.Select(t => t.State));
    }
}
