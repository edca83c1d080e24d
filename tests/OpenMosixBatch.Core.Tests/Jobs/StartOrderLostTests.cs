using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

/// <summary>A task whose start order died with a world: queued again as never started, or lost with its node.</summary>
public sealed class StartOrderLostTests
{
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    private static readonly HashSet<string> World = ["node1", "node2"];

    private static Job Dispatched(Job job, params string[] nodes) => TaskRunRules.Dispatch(job, 0, nodes, T1).Job!;

    [Fact]
    public void NeverStarted_OnANodeStillInTheWorld_WaitsAgainWithoutCountingARequeue()
    {
        var t = TaskRunRules.StartOrderLost(Dispatched(Submit(1), "node1"), 0, World, "its start order was lost", T1.AddSeconds(2))!;

        var task = t.Job!.Tasks[0];
        Assert.Equal((JobState.Queued, 0), (task.State, task.Requeues));
        Assert.Null(task.Node);
        Assert.Null(task.DispatchTime);
        Assert.Equal(JobState.Queued, t.Job.State);
        Assert.Equal("requeued", t.Event!.Kind);
        Assert.Contains("never started", task.Reason, StringComparison.Ordinal);
        Assert.True(TaskRunRules.Dispatch(t.Job, 0, ["node2"], T1.AddSeconds(3)).Ok);
    }

    [Fact]
    public void NeverStarted_NotRerunnable_WaitsAgainToo_ForItNeverRan()
    {
        var job = Dispatched(Submit(1, Spec() with { Rerunnable = false }), "node2");

        Assert.Equal(JobState.Queued, TaskRunRules.StartOrderLost(job, 0, World, "lost", T1)!.Job!.State);
    }

    [Fact]
    public void NeverStarted_ButANodeOfItLeftTheWorld_IsNotThisRule() =>
        Assert.Null(TaskRunRules.StartOrderLost(Dispatched(Submit(1), "node1", "node3"), 0, World, "lost", T1));

    [Fact]
    public void Started_IsNotThisRule_ItWasLostWithItsRun()
    {
        var started = TaskRunRules.Started(Dispatched(Submit(1), "node1"), 0, 77, T1)!;

        Assert.Null(TaskRunRules.StartOrderLost(started, 0, World, "lost", T1));
    }

    [Fact]
    public void BeingDeleted_IsNotThisRule_ItEndsDeleted()
    {
        var deleting = JobStateRules.Delete(Dispatched(Submit(1), "node1"), null, "alice", T1).Job!;

        Assert.Null(TaskRunRules.StartOrderLost(deleting, 0, World, "lost", T1));
        Assert.Equal(JobState.Deleted, TaskRunRules.Lost(deleting, 0, "lost", T1)!.Job!.State);
    }

    [Fact]
    public void Queued_IsStale() => Assert.Null(TaskRunRules.StartOrderLost(Submit(1), 0, World, "lost", T1));
}
