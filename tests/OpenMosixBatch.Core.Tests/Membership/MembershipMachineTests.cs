using OpenMosixBatch.Core.Membership;
using static OpenMosixBatch.Core.Membership.MembershipAction;
using static OpenMosixBatch.Core.Membership.MembershipEventKind;

namespace OpenMosixBatch.Core.Tests.Membership;

/// <summary>A node's membership, transition by transition: join through the health check, leave by draining, rejoin after a cut.</summary>
public sealed class MembershipMachineTests
{
    private static readonly MemberState Joining = new(MembershipPhase.Joining);
    private static readonly MemberState Member = new(MembershipPhase.Member);
    private static readonly MemberState Leaving = new(MembershipPhase.Leaving);
    private static readonly MemberState Refused = new(MembershipPhase.Refused, Detail: "memory test failed");
    private static readonly MemberState Cut = new(MembershipPhase.Cut);

    private static MembershipStep Decide(MemberState? current, MembershipEventKind kind, bool onlyMember = false) =>
        MembershipMachine.Decide(current, MembershipEvent.Of(kind), onlyMember);

    [Fact]
    public void AddRequested_NewNode_JoinsThroughItsHealthCheck_WithoutARelaunchYet()
    {
        var step = Decide(null, AddRequested);

        Assert.Equal((MembershipPhase.Joining, Store | RunHealthCheck), (step.Next!.Phase, step.Actions));
        Assert.False(step.Next.InWorld);
    }

    [Fact]
    public void HealthPassed_Joining_BecomesAMember_AndTheWorldIsRelaunchedWithIt()
    {
        var step = Decide(Joining, HealthPassed);

        Assert.Equal((MembershipPhase.Member, Store | Relaunch), (step.Next!.Phase, step.Actions));
        Assert.True(step.Next.InWorld);
    }

    [Fact]
    public void HealthFailed_Joining_IsRefused_WithTheCheckMessage_AndNoRelaunch()
    {
        var step = MembershipMachine.Decide(Joining, new MembershipEvent(HealthFailed, Detail: "scratch disk missing"));

        Assert.Equal((MembershipPhase.Refused, "scratch disk missing", Store), (step.Next!.Phase, step.Next.Detail, step.Actions));
        Assert.False(step.Actions.HasFlag(Relaunch));
    }

    [Theory]
    [InlineData(MembershipPhase.Joining)]
    [InlineData(MembershipPhase.Member)]
    [InlineData(MembershipPhase.Cut)]
    public void AddRequested_NodeAlreadyInTheCluster_IsRefused_AndNothingChanges(MembershipPhase phase)
    {
        var current = new MemberState(phase);
        var step = Decide(current, AddRequested);

        Assert.Equal((MembershipRefusal.AlreadyMember, None), (step.Refusal, step.Actions));
        Assert.Same(current, step.Next);
    }

    [Fact]
    public void AddRequested_Refused_RunsTheCheckAgain()
    {
        Assert.Equal((MembershipPhase.Joining, Store | RunHealthCheck), (Decide(Refused, AddRequested).Next!.Phase, Decide(Refused, AddRequested).Actions));
    }

    [Fact]
    public void ClearRequested_Refused_RunsTheCheckAgain_AsPbsnodesC()
    {
        var step = Decide(Refused, ClearRequested);

        Assert.Equal((MembershipPhase.Joining, Store | RunHealthCheck), (step.Next!.Phase, step.Actions));
    }

    [Fact]
    public void RemoveRequested_Member_Leaves_NoNewWork_TasksLeftToFinish()
    {
        var step = Decide(Member, RemoveRequested);

        Assert.Equal((MembershipPhase.Leaving, false, Store | StopPlacing), (step.Next!.Phase, step.Next.Now, step.Actions));
        Assert.True(step.Next.InWorld);
    }

    [Fact]
    public void RemoveRequested_Now_RequeuesTheTasks()
    {
        var step = MembershipMachine.Decide(Member, new MembershipEvent(RemoveRequested, Now: true));

        Assert.Equal((MembershipPhase.Leaving, true, Store | StopPlacing | RequeueTasks), (step.Next!.Phase, step.Next.Now, step.Actions));
    }

    [Fact]
    public void RemoveRequested_NowWhileAlreadyLeaving_RequeuesTheTasksOnce()
    {
        var first = MembershipMachine.Decide(Leaving, new MembershipEvent(RemoveRequested, Now: true));
        var second = MembershipMachine.Decide(first.Next, new MembershipEvent(RemoveRequested, Now: true));

        Assert.Equal(Store | RequeueTasks, first.Actions);
        Assert.Equal(None, second.Actions);
    }

    [Fact]
    public void RemoveRequested_OnlyMember_IsRefused()
    {
        var step = Decide(Member, RemoveRequested, onlyMember: true);

        Assert.Equal((MembershipRefusal.LastMember, None), (step.Refusal, step.Actions));
    }

    [Theory]
    [InlineData(RemoveRequested)]
    [InlineData(ClearRequested)]
    public void Request_UnknownNode_IsRefused(MembershipEventKind kind)
    {
        Assert.Equal(MembershipRefusal.UnknownNode, Decide(null, kind).Refusal);
    }

    [Theory]
    [InlineData(MembershipPhase.Joining)]
    [InlineData(MembershipPhase.Refused)]
    public void RemoveRequested_NodeNotInTheWorld_IsGoneAtOnce_WithoutARelaunch(MembershipPhase phase)
    {
        var step = Decide(new MemberState(phase), RemoveRequested);

        Assert.Equal((null, Store), (step.Next, step.Actions));
    }

    [Fact]
    public void TasksCounted_LeavingWithTasksLeft_Waits()
    {
        var step = MembershipMachine.Decide(Leaving, new MembershipEvent(TasksCounted, TasksLeft: 2));

        Assert.Equal((Leaving, None), (step.Next, step.Actions));
    }

    [Fact]
    public void TasksCounted_LeavingWithNoneLeft_AndItsRankRunningNothing_IsGone_AndTheWorldIsRelaunchedWithoutIt()
    {
        var step = MembershipMachine.Decide(Leaving, new MembershipEvent(TasksCounted, TasksLeft: 0, ProcessesLeft: 0));

        Assert.Equal((null, Store | ClearOffline | Relaunch), (step.Next, step.Actions));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(true, null)]
    [InlineData(false, null)]
    public void TasksCounted_LeavingWithNoneInTheQueue_ButItsRankStillRunsOrHasNotReported_Waits(bool now, int? processes)
    {
        // --now fails a task that cannot run again at once; its processes end when the kill lands. A world without the node
        // before its rank says so would leave them running.
        var leaving = new MemberState(MembershipPhase.Leaving, now);

        var step = MembershipMachine.Decide(leaving, new MembershipEvent(TasksCounted, TasksLeft: 0, ProcessesLeft: processes));

        Assert.Equal((leaving, None), (step.Next, step.Actions));
    }

    [Theory]
    [InlineData(MembershipPhase.Member)]
    [InlineData(MembershipPhase.Leaving)]
    public void CapacityChanged_InTheWorld_IsStored_AndTheWorldIsRelaunchedWithIt(MembershipPhase phase)
    {
        var current = new MemberState(phase, Now: true);

        var step = Decide(current, CapacityChanged);

        Assert.Equal((current, Store | Relaunch), (step.Next, step.Actions));
    }

    [Theory]
    [InlineData(MembershipPhase.Joining)]
    [InlineData(MembershipPhase.Refused)]
    [InlineData(MembershipPhase.Cut)]
    public void CapacityChanged_OutOfTheWorld_IsOnlyStored_ForTheWorldItJoins(MembershipPhase phase)
    {
        var current = new MemberState(phase);

        var step = Decide(current, CapacityChanged);

        Assert.Equal((current, Store), (step.Next, step.Actions));
    }

    [Fact]
    public void CapacityChanged_NotInTheCluster_ChangesNothing()
    {
        Assert.Equal((null, None, MembershipRefusal.None), (Decide(null, CapacityChanged).Next, Decide(null, CapacityChanged).Actions, Decide(null, CapacityChanged).Refusal));
    }

    [Fact]
    public void AddRequested_Leaving_CancelsTheLeave()
    {
        var step = Decide(Leaving, AddRequested);

        Assert.Equal((MembershipPhase.Member, Store | ClearOffline), (step.Next!.Phase, step.Actions));
    }

    [Fact]
    public void Unreachable_Member_IsCut_TheWatchdogRelaunchesWithoutIt()
    {
        var step = Decide(Member, Unreachable);

        Assert.Equal((MembershipPhase.Cut, None), (step.Next!.Phase, step.Actions));
        Assert.False(step.Next.InWorld);
    }

    [Theory]
    [InlineData(ProbeDue)]
    [InlineData(ClearRequested)]
    public void ProbeOrClear_Cut_RunsTheHealthCheckThere(MembershipEventKind kind)
    {
        var step = Decide(Cut, kind);

        Assert.Equal((MembershipPhase.Cut, RunHealthCheck), (step.Next!.Phase, step.Actions));
    }

    [Fact]
    public void HealthPassed_Cut_RejoinsWithoutAnOperator()
    {
        var step = Decide(Cut, HealthPassed);

        Assert.Equal((MembershipPhase.Member, ClearOffline | Relaunch), (step.Next!.Phase, step.Actions));
    }

    [Fact]
    public void ProbeDue_CutAndHeldOfflineByAnAdministrator_RunsNoCheck_AndStaysOut()
    {
        var step = MembershipMachine.Decide(Cut, new MembershipEvent(ProbeDue, Held: true));

        Assert.Equal((Cut, None), (step.Next, step.Actions));
    }

    [Fact]
    public void HealthPassed_CutAndTakenOfflineWhileItsCheckRan_StaysOut()
    {
        var step = MembershipMachine.Decide(Cut, new MembershipEvent(HealthPassed, Held: true));

        Assert.Equal((Cut, None), (step.Next, step.Actions));
    }

    [Fact]
    public void ClearRequested_CutAndHeld_RunsTheCheck_AndItsPassRejoins()
    {
        // pbsnodes -c lifts the hold before it asks: the check runs, and its pass (no longer held) brings the node back.
        var clear = Decide(Cut, ClearRequested);
        var passed = MembershipMachine.Decide(clear.Next, new MembershipEvent(HealthPassed, Held: false));

        Assert.Equal(RunHealthCheck, clear.Actions);
        Assert.Equal((MembershipPhase.Member, ClearOffline | Relaunch), (passed.Next!.Phase, passed.Actions));
    }

    [Fact]
    public void HealthFailed_Cut_StaysOut_WithTheMessage()
    {
        var step = MembershipMachine.Decide(Cut, new MembershipEvent(HealthFailed, Detail: "no route to host"));

        Assert.Equal((MembershipPhase.Cut, "no route to host", None), (step.Next!.Phase, step.Next.Detail, step.Actions));
    }

    [Fact]
    public void ProbeDue_Joining_RunsTheCheckAgain_AfterAServerRestart()
    {
        Assert.Equal(RunHealthCheck, Decide(Joining, ProbeDue).Actions);
    }

    [Theory]
    [InlineData(MembershipPhase.Member, HealthPassed)]
    [InlineData(MembershipPhase.Member, HealthFailed)]
    [InlineData(MembershipPhase.Member, ProbeDue)]
    [InlineData(MembershipPhase.Member, TasksCounted)]
    [InlineData(MembershipPhase.Refused, HealthPassed)]
    [InlineData(MembershipPhase.Leaving, HealthPassed)]
    public void StaleEvent_ChangesNothing(MembershipPhase phase, MembershipEventKind kind)
    {
        var current = new MemberState(phase);
        var step = Decide(current, kind);

        Assert.Equal((current, None, MembershipRefusal.None), (step.Next, step.Actions, step.Refusal));
    }

    [Fact]
    public void Decide_NeverReadsTheDetailText()
    {
        // Two failures that differ only in their message lead to the same phase and actions.
        var a = MembershipMachine.Decide(Joining, new MembershipEvent(HealthFailed, Detail: "health check passed"));
        var b = MembershipMachine.Decide(Joining, new MembershipEvent(HealthFailed, Detail: null));

        Assert.Equal((a.Next!.Phase, a.Actions), (b.Next!.Phase, b.Actions));
    }

    [Fact]
    public void Decide_EveryPhaseAndEvent_OnlyAJoinOrRejoinOrLeaveOrANewCapacityInTheWorldRelaunches()
    {
        foreach (var phase in Enum.GetValues<MembershipPhase>().Select(p => (MemberState?)new MemberState(p)).Append(null))
        {
            foreach (var kind in Enum.GetValues<MembershipEventKind>())
            {
                var step = Decide(phase, kind);
                var relaunches = step.Actions.HasFlag(Relaunch);
                var expected = (phase?.Phase, kind) is (MembershipPhase.Joining or MembershipPhase.Cut, HealthPassed);
                expected |= (phase?.Phase, kind) is (MembershipPhase.Member or MembershipPhase.Leaving, CapacityChanged);
                Assert.True(relaunches == expected || (phase?.Phase == MembershipPhase.Leaving && kind == TasksCounted),
                    $"{phase?.Phase.ToString() ?? "out"} + {kind}: {step.Actions}");
            }
        }
    }
}
