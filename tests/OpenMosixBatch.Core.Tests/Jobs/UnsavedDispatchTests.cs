using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class UnsavedDispatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly JobSpec Plain = new() { Name = "t", Command = ["/bin/true"], WorkingDirectory = "/w", SubmitDirectory = "/w" };

    private static Job Waiting(JobSpec? spec = null, JobTask? task = null) =>
        new()
        {
            Id = 7,
            Spec = spec ?? Plain,
            Owner = new JobOwner(1000, 1000, "alice"),
            SubmitTime = Now,
            State = JobState.Queued,
            DependenciesMet = true,
            Tasks = [task ?? new JobTask(0, JobState.Queued)],
        };

    [Fact]
    public void MayWait_PlainTaskOnOneNode_Waits() => Assert.True(UnsavedDispatch.MayWait(Waiting(), 0, ["node1"], null));

    [Fact]
    public void MayWait_TwoNodesGpusCheckpointsOrARerun_IsStoredAtOnce()
    {
        Assert.False(UnsavedDispatch.MayWait(Waiting(), 0, ["node1", "node2"], null));
        Assert.False(UnsavedDispatch.MayWait(Waiting(), 0, ["node1"], [new GpuDevice("node1", 0)]));
        Assert.False(UnsavedDispatch.MayWait(Waiting(Plain with { Checkpoint = new CheckpointPolicy(CheckpointMode.Enabled) }), 0, ["node1"], null));
        Assert.False(UnsavedDispatch.MayWait(Waiting(task: new JobTask(0, JobState.Queued) { Requeues = 1 }), 0, ["node1"], null));
    }

    [Fact]
    public void Adopt_WaitingNeverDispatched_RunsWhereTheWorldRunsIt()
    {
        var adopted = UnsavedDispatch.Adopt(Waiting(), 0, "node2", 4242, "w2", Now);

        var task = adopted!.Job!.Tasks[0];
        Assert.Equal((JobState.Running, "node2", (int?)4242, (DateTimeOffset?)null), (task.State, task.Node?.First, task.SessionId, task.StartTime));
        Assert.Equal("dispatched", adopted.Event!.Kind);
        Assert.Contains("adopted from world w2", adopted.Event.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Adopt_HeldRequeuedOrRunning_IsNotAdopted()
    {
        Assert.Null(UnsavedDispatch.Adopt(Waiting() with { UserHold = true }, 0, "node1", 1, "w2", Now));
        Assert.Null(UnsavedDispatch.Adopt(Waiting(task: new JobTask(0, JobState.Queued) { Requeues = 1 }), 0, "node1", 1, "w2", Now));
        Assert.Null(UnsavedDispatch.Adopt(Waiting(task: new JobTask(0, JobState.Running) { Node = ExecutionHosts.Of(["node1"]) }), 0, "node1", 1, "w2", Now));
    }
}
