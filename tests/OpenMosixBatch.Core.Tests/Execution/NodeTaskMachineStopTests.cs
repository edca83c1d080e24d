using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Execution.NodeTaskAction;
using static OpenMosixBatch.Core.Execution.NodeTaskEvent;

namespace OpenMosixBatch.Core.Tests.Execution;

/// <summary>
/// The server's stop ends a node's tasks to be run again: that is a typed cause on the kill
/// (<see cref="KillOrdered.ServerStopping"/>), not a reason text the node compares, so a stop worded otherwise still
/// reports its tasks lost and a kill worded like a stop still reports an end.
/// </summary>
public sealed class NodeTaskMachineStopTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly CheckpointPolicy Checkpoints = new(CheckpointMode.Enabled);
    private static readonly TaskEnd Killed = new(143, TimeSpan.FromSeconds(1), 1 << 20);
    private static readonly TaskEnd CheckpointExit = new(CheckpointPolicy.DefaultExitCode, TimeSpan.FromSeconds(1), 1 << 20);

    private static NodeTaskState Running(CheckpointPolicy? checkpoint = null) =>
        new(new TaskKey(7, 2), checkpoint ?? CheckpointPolicy.None, ResourceRequest.Default, T0);

    [Fact]
    public void StopKill_ThenTheEnd_ReportsTheTaskLostWithTheStopReason()
    {
        var killing = NodeTaskMachine.Apply(Running(), new KillOrdered("the server is shutting down", ServerStopping: true));

        var d = NodeTaskMachine.Apply(killing.State, new Exited(Killed, null));

        Assert.Equal<NodeTaskAction>([new KillGroup(), new ForgetCheckpoints()], killing.Actions);
        Assert.Equal<NodeTaskAction>([new ForgetCheckpoints(), new ReportLost("the server is shutting down")], d.Actions);
        Assert.Equal(NodeTaskPhase.Ended, d.State.Phase);
    }

    [Fact]
    public void StopKill_ThenNoRecordedEnd_IsLostWithTheStopReason()
    {
        var killing = NodeTaskMachine.Apply(Running(), new KillOrdered("stopped", ServerStopping: true)).State;

        var d = NodeTaskMachine.Apply(killing, new Exited(null, null));

        Assert.Equal<NodeTaskAction>([new EndUnheldGroup(), new ForgetCheckpoints(), new ReportLost("stopped")], d.Actions);
    }

    [Fact]
    public void OrderedKill_WordedLikeAStop_StillReportsItsEnd()
    {
        var killing = NodeTaskMachine.Apply(Running(), new KillOrdered("its node was stopped")).State;

        var d = NodeTaskMachine.Apply(killing, new Exited(Killed, null));

        Assert.Equal(new ReportEnded(143, "its node was stopped"), d.Find<ReportEnded>());
        Assert.Null(d.Find<ReportLost>());
    }

    [Fact]
    public void StopKill_AfterALimitKill_KeepsTheLimit_AndReportsTheEnd()
    {
        // The node was already ending it for its limit: the task failed by itself, the stop changes nothing of that.
        var limited = NodeTaskMachine.Apply(Running(), new KillOrdered("walltime 00:01:00 exceeded")).State;
        var stopped = NodeTaskMachine.Apply(limited, new KillOrdered("stopped", ServerStopping: true)).State;

        var d = NodeTaskMachine.Apply(stopped, new Exited(Killed, null));

        Assert.Equal(new ReportEnded(143, "walltime 00:01:00 exceeded"), d.Find<ReportEnded>());
        Assert.Null(d.Find<ReportLost>());
    }

    [Fact]
    public void StopKill_WhilePacking_DropsTheCheckpoint_AndReportsTheTaskLost()
    {
        var packing = NodeTaskMachine.Apply(Running(Checkpoints), new Exited(CheckpointExit, null)).State;
        var stopped = NodeTaskMachine.Apply(packing, new KillOrdered("stopped", ServerStopping: true));

        var d = NodeTaskMachine.Apply(stopped.State, new Packed(CheckpointPolicy.DefaultExitCode, null));

        Assert.Equal<NodeTaskAction>([new ForgetCheckpoints()], stopped.Actions);
        Assert.Equal<NodeTaskAction>([new ForgetCheckpoints(), new ReportLost("stopped")], d.Actions);
    }

    [Fact]
    public void ShepherdLost_WithoutAKill_IsLostWithoutAReason() =>
        Assert.Equal(new ReportLost(), NodeTaskMachine.Apply(Running(), new Exited(null, null)).Find<ReportLost>());
}
