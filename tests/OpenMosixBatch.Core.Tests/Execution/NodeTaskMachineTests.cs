using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Execution.NodeTaskAction;
using static OpenMosixBatch.Core.Execution.NodeTaskEvent;

namespace OpenMosixBatch.Core.Tests.Execution;

/// <summary>The life of a task on its node, transition by transition.</summary>
public sealed class NodeTaskMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly CheckpointPolicy Checkpoints = new(CheckpointMode.Enabled);
    private static readonly TaskEnd Exit0 = new(0, TimeSpan.FromSeconds(1), 1 << 20);
    private static readonly TaskEnd CheckpointExit = new(CheckpointPolicy.DefaultExitCode, TimeSpan.FromSeconds(1), 1 << 20);

    private static NodeTaskState Running(CheckpointPolicy? checkpoint = null, ResourceRequest? resources = null) =>
        new(new TaskKey(7, 2), checkpoint ?? CheckpointPolicy.None, resources ?? ResourceRequest.Default, T0);

    [Fact]
    public void Exited_PlainEnd_EndsAndReportsTheStatus()
    {
        var d = NodeTaskMachine.Apply(Running(), new Exited(new TaskEnd(3, TimeSpan.Zero, 0), null));

        Assert.Equal(NodeTaskPhase.Ended, d.State.Phase);
        Assert.Equal<NodeTaskAction>([new ForgetCheckpoints(), new ReportEnded(3, null)], d.Actions);
    }

    [Fact]
    public void Exited_NoRecordWhileRunning_IsLost_AndTheUnheldGroupIsEnded()
    {
        var d = NodeTaskMachine.Apply(Running(), new Exited(null, null));

        Assert.Equal<NodeTaskAction>([new EndUnheldGroup(), new ForgetCheckpoints(), new ReportLost()], d.Actions);
    }

    [Fact]
    public void Exited_NoRecordWhileKilling_EndsWithTheKillReason_NotLost()
    {
        var killing = NodeTaskMachine.Apply(Running(), new KillOrdered("deleted by alice")).State;

        var d = NodeTaskMachine.Apply(killing, new Exited(null, null));

        Assert.Equal<NodeTaskAction>([new EndUnheldGroup(), new ForgetCheckpoints(), new ReportEnded(NodeTaskMachine.UnrecordedExitStatus, "deleted by alice")], d.Actions);
    }

    [Fact]
    public void Exited_LaunchFailure_EndsWithTheLaunchError()
    {
        var d = NodeTaskMachine.Apply(Running(Checkpoints), new Exited(new TaskEnd(127, TimeSpan.Zero, 0), "could not start: no such file"));

        Assert.Equal(new ReportEnded(127, "could not start: no such file"), d.Find<ReportEnded>());
    }

    [Fact]
    public void Exited_CheckpointExitOfACheckpointingTask_Packs()
    {
        var d = NodeTaskMachine.Apply(Running(Checkpoints), new Exited(CheckpointExit, null));

        Assert.Equal(NodeTaskPhase.Packing, d.State.Phase);
        Assert.Equal<NodeTaskAction>([new Pack(CheckpointPolicy.DefaultExitCode)], d.Actions);
    }

    [Fact]
    public void Exited_CheckpointCodeOfATaskThatDoesNotCheckpoint_IsAPlainEnd() =>
        Assert.Equal(new ReportEnded(85, null), NodeTaskMachine.Apply(Running(), new Exited(CheckpointExit, null)).Find<ReportEnded>());

    [Fact]
    public void Exited_CheckpointExitWhileBeingDeleted_IsAnEndWithTheReason()
    {
        var killing = NodeTaskMachine.Apply(Running(Checkpoints), new KillOrdered("deleted by alice")).State;

        var d = NodeTaskMachine.Apply(killing, new Exited(CheckpointExit, null));

        Assert.Null(d.Find<Pack>());
        Assert.Equal(new ReportEnded(85, "deleted by alice"), d.Find<ReportEnded>());
    }

    [Fact]
    public void Exited_Twice_TheSecondChangesNothing()
    {
        var ended = NodeTaskMachine.Apply(Running(), new Exited(Exit0, null)).State;

        var d = NodeTaskMachine.Apply(ended, new Exited(Exit0, null));

        Assert.Same(ended, d.State);
        Assert.Empty(d.Actions);
    }

    [Fact]
    public void Packed_OwnCheckpoint_ReportsAPeriodicCheckpoint()
    {
        var packing = NodeTaskMachine.Apply(Running(Checkpoints), new Exited(CheckpointExit, null)).State;

        var d = NodeTaskMachine.Apply(packing, new Packed(85, null));

        Assert.Equal(NodeTaskPhase.Ended, d.State.Phase);
        Assert.Equal<NodeTaskAction>([new ReportCheckpointed(CheckpointCause.Periodic, null)], d.Actions);
    }

    [Fact]
    public void Packed_AfterAMigrationRequest_ReportsTheMoveToItsTarget()
    {
        var asked = NodeTaskMachine.Apply(Running(Checkpoints), new CheckpointAsked(CheckpointCause.Migration, "node3", WithGrace: true)).State;
        var packing = NodeTaskMachine.Apply(asked, new Exited(CheckpointExit, null)).State;

        Assert.Equal(new ReportCheckpointed(CheckpointCause.Migration, "node3"), NodeTaskMachine.Apply(packing, new Packed(85, null)).Find<ReportCheckpointed>());
    }

    [Fact]
    public void Packed_EvictionRequest_ReportsNoTarget()
    {
        var asked = NodeTaskMachine.Apply(Running(Checkpoints), new CheckpointAsked(CheckpointCause.Eviction, "ignored", WithGrace: false)).State;
        var packing = NodeTaskMachine.Apply(asked, new Exited(CheckpointExit, null)).State;

        Assert.Equal(new ReportCheckpointed(CheckpointCause.Eviction, null), NodeTaskMachine.Apply(packing, new Packed(85, null)).Find<ReportCheckpointed>());
    }

    [Fact]
    public void Packed_Failure_EndsWithTheFailure()
    {
        var packing = NodeTaskMachine.Apply(Running(Checkpoints), new Exited(CheckpointExit, null)).State;

        var d = NodeTaskMachine.Apply(packing, new Packed(85, "could not be packed: too large"));

        Assert.Equal<NodeTaskAction>([new ForgetCheckpoints(), new ReportEnded(85, "could not be packed: too large")], d.Actions);
    }

    [Fact]
    public void KillOrdered_WhilePacking_ForgetsTheCheckpoint_AndTheEndCarriesTheReason()
    {
        var packing = NodeTaskMachine.Apply(Running(Checkpoints), new Exited(CheckpointExit, null)).State;

        var deleted = NodeTaskMachine.Apply(packing, new KillOrdered("deleted by alice"));
        var d = NodeTaskMachine.Apply(deleted.State, new Packed(85, null));

        Assert.Equal<NodeTaskAction>([new ForgetCheckpoints()], deleted.Actions);
        Assert.Equal(new ReportEnded(85, "deleted by alice"), d.Find<ReportEnded>());
        Assert.Null(d.Find<ReportCheckpointed>());
    }

    [Fact]
    public void KillOrdered_Running_KillsTheGroup_AndKeepsTheFirstReason()
    {
        var first = NodeTaskMachine.Apply(Running(), new KillOrdered("walltime"));
        var second = NodeTaskMachine.Apply(first.State, new KillOrdered("deleted by alice"));

        Assert.Equal(NodeTaskPhase.Killing, first.State.Phase);
        Assert.Equal<NodeTaskAction>([new KillGroup(), new ForgetCheckpoints()], first.Actions);
        Assert.Equal("walltime", second.State.KillReason);
    }

    [Fact]
    public void KillOrdered_Ended_ChangesNothing()
    {
        var ended = NodeTaskMachine.Apply(Running(), new Exited(Exit0, null)).State;

        Assert.Empty(NodeTaskMachine.Apply(ended, new KillOrdered("late")).Actions);
    }

    [Fact]
    public void CheckpointAsked_WithGrace_SignalsTheMainProcessAndStartsTheGrace()
    {
        var d = NodeTaskMachine.Apply(Running(Checkpoints), new CheckpointAsked(CheckpointCause.Migration, "node3", WithGrace: true));

        Assert.Equal(new CheckpointRequest(1, CheckpointCause.Migration, "node3"), d.State.Request);
        Assert.Equal<NodeTaskAction>([new SignalMain(CheckpointPolicy.DefaultSignal), new StartGrace(1)], d.Actions);
    }

    [Fact]
    public void CheckpointAsked_TaskThatDoesNotCheckpoint_IsRefused() =>
        Assert.Empty(NodeTaskMachine.Apply(Running(), new CheckpointAsked(CheckpointCause.Eviction, null, WithGrace: false)).Actions);

    [Fact]
    public void CheckpointAsked_WhileKilling_IsRefused()
    {
        var killing = NodeTaskMachine.Apply(Running(Checkpoints), new KillOrdered("deleted")).State;

        Assert.Empty(NodeTaskMachine.Apply(killing, new CheckpointAsked(CheckpointCause.Eviction, null, WithGrace: false)).Actions);
    }

    [Fact]
    public void GraceExpired_OfTheCurrentRequest_DropsIt_AndReportsTheDrop()
    {
        var asked = NodeTaskMachine.Apply(Running(Checkpoints), new CheckpointAsked(CheckpointCause.Migration, "node3", WithGrace: true)).State;

        var d = NodeTaskMachine.Apply(asked, new GraceExpired(1));

        Assert.Null(d.State.Request);
        Assert.Equal<NodeTaskAction>([new ReportDropped(CheckpointCause.Migration, "node3")], d.Actions);
    }

    [Fact]
    public void GraceExpired_OfAnEarlierRequest_ChangesNothing()
    {
        var once = NodeTaskMachine.Apply(Running(Checkpoints), new CheckpointAsked(CheckpointCause.Migration, "node3", WithGrace: true)).State;
        var twice = NodeTaskMachine.Apply(once, new CheckpointAsked(CheckpointCause.Migration, "node4", WithGrace: true)).State;

        var d = NodeTaskMachine.Apply(twice, new GraceExpired(1));

        Assert.Empty(d.Actions);
        Assert.Equal("node4", d.State.Request!.Target);
    }

    [Fact]
    public void Sampled_OverWalltime_ReportsExitingAndKills()
    {
        var state = Running(resources: new ResourceRequest(Walltime: TimeSpan.FromMinutes(1)));

        var d = NodeTaskMachine.Apply(state, new Sampled(T0.AddMinutes(2), 0));

        Assert.Equal(NodeTaskPhase.Killing, d.State.Phase);
        Assert.IsType<ReportExiting>(d.Actions[0]);
        Assert.Contains("walltime", d.State.KillReason, StringComparison.Ordinal);
        Assert.Contains(new KillGroup(), d.Actions);
    }

    [Fact]
    public void Sampled_AdoptedTask_CountsWalltimeFromItsFirstStart()
    {
        // A task adopted a minute and a half into its life with a two-minute walltime is killed 31 s later, not 2 min later.
        var adopted = Running(resources: new ResourceRequest(Walltime: TimeSpan.FromMinutes(2)));

        Assert.Empty(NodeTaskMachine.Apply(adopted, new Sampled(T0.AddSeconds(90), 0)).Actions);
        Assert.NotEmpty(NodeTaskMachine.Apply(adopted, new Sampled(T0.AddSeconds(121), 0)).Actions);
    }

    [Fact]
    public void Sampled_OverMemory_Kills()
    {
        var state = Running(resources: new ResourceRequest(MemoryBytesPerChunk: 16L << 20));

        Assert.Contains("memory", NodeTaskMachine.Apply(state, new Sampled(T0, 32L << 20)).State.KillReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sampled_OverCpuTime_KillsAndReportsIt()
    {
        var state = Running(resources: new ResourceRequest { CpuTime = TimeSpan.FromSeconds(30) });

        Assert.Equal(NodeTaskPhase.Running, NodeTaskMachine.Apply(state, new Sampled(T0.AddSeconds(40), 0, TimeSpan.FromSeconds(30))).State.Phase);
        var over = NodeTaskMachine.Apply(state, new Sampled(T0.AddSeconds(40), 0, TimeSpan.FromSeconds(31)));
        Assert.StartsWith("cput", over.State.KillReason, StringComparison.Ordinal);
        Assert.Contains(over.Actions, a => a is NodeTaskAction.ReportExiting);
    }

    [Fact]
    public void Sampled_PeriodicDue_SignalsOnceAPeriod()
    {
        var state = Running(new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(5)));

        var early = NodeTaskMachine.Apply(state, new Sampled(T0.AddMinutes(4), 0));
        var due = NodeTaskMachine.Apply(state, new Sampled(T0.AddMinutes(5), 0));
        var again = NodeTaskMachine.Apply(due.State, new Sampled(T0.AddMinutes(6), 0));

        Assert.Empty(early.Actions);
        Assert.Equal<NodeTaskAction>([new SignalMain(CheckpointPolicy.DefaultSignal)], due.Actions);
        Assert.Empty(again.Actions);
    }

    [Fact]
    public void Sampled_PeriodicDueWhileARequestIsOpen_WaitsForIt()
    {
        var state = Running(new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(5)));
        var asked = NodeTaskMachine.Apply(state, new CheckpointAsked(CheckpointCause.Migration, "node3", WithGrace: true)).State;

        Assert.Empty(NodeTaskMachine.Apply(asked, new Sampled(T0.AddMinutes(10), 0)).Actions);
    }
}
