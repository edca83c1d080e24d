using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class InteractiveSessionTests
{
    private const string Id = "12";

    [Theory]
    [InlineData(JobState.Queued)]
    [InlineData(JobState.Held)]
    [InlineData(JobState.Waiting)]
    public void Decide_WaitingJobNotStarted_KeepsWaitingAndDoesNothing(JobState state)
    {
        var (phase, actions) = InteractiveSession.Decide(InteractivePhase.Waiting, new InteractiveEvent.JobSeen(state, null), Id);

        Assert.Equal(InteractivePhase.Waiting, phase);
        Assert.Empty(actions);
    }

    [Fact]
    public void Decide_JobRunning_SaysReadyThenGoesRawThenRelays()
    {
        var (phase, actions) = InteractiveSession.Decide(InteractivePhase.Waiting, new InteractiveEvent.JobSeen(JobState.Running, null), Id);

        Assert.Equal(InteractivePhase.Attached, phase);
        Assert.Equal([new InteractiveAction.Say("qsub: job 12 ready"), new InteractiveAction.EnterRawMode(), new InteractiveAction.StartRelay()], actions);
    }

    [Fact]
    public void Decide_InterruptedWhileWaiting_DeletesTheRequestAndExits130_WithoutTouchingTheTerminal()
    {
        var (phase, actions) = InteractiveSession.Decide(InteractivePhase.Waiting, new InteractiveEvent.Interrupted(), Id);

        Assert.Equal(InteractivePhase.Ended, phase);
        Assert.Contains(new InteractiveAction.DeleteJob(), actions);
        Assert.DoesNotContain(new InteractiveAction.RestoreTerminal(), actions);
        Assert.Equal(new InteractiveAction.Exit(InteractiveSession.InterruptedStatus), actions[^1]);
    }

    [Fact]
    public void Decide_TerminalEnded_RestoresTheTerminalFirstAndExitsWithTheShellsStatus()
    {
        var (phase, actions) = InteractiveSession.Decide(InteractivePhase.Attached, new InteractiveEvent.TerminalEnded(7, null), Id);

        Assert.Equal(InteractivePhase.Ended, phase);
        Assert.Equal(new InteractiveAction.RestoreTerminal(), actions[0]);
        Assert.Contains(new InteractiveAction.Say("qsub: job 12 completed"), actions);
        Assert.Equal(new InteractiveAction.Exit(7), actions[^1]);
        Assert.DoesNotContain(new InteractiveAction.DeleteJob(), actions);
    }

    [Fact]
    public void Decide_InterruptedWhileAttached_RestoresTheTerminalAndDeletesTheJob()
    {
        var (phase, actions) = InteractiveSession.Decide(InteractivePhase.Attached, new InteractiveEvent.Interrupted(), Id);

        Assert.Equal(InteractivePhase.Ended, phase);
        Assert.Equal(new InteractiveAction.RestoreTerminal(), actions[0]);
        Assert.Contains(new InteractiveAction.DeleteJob(), actions);
    }

    [Theory]
    [InlineData(InteractivePhase.Waiting, false)]
    [InlineData(InteractivePhase.Attached, true)]
    public void Decide_ServerLost_ExitsWith3_RestoringTheTerminalOnlyWhenRaw(InteractivePhase from, bool restores)
    {
        var (phase, actions) = InteractiveSession.Decide(from, new InteractiveEvent.ServerLost("connection refused"), Id);

        Assert.Equal(InteractivePhase.Ended, phase);
        Assert.Equal(restores, actions.Contains(new InteractiveAction.RestoreTerminal()));
        Assert.Equal(new InteractiveAction.Exit(3), actions[^1]);
    }

    [Fact]
    public void Decide_JobDeletedBeforeItStarted_EndsWithoutRawMode()
    {
        var (phase, actions) = InteractiveSession.Decide(InteractivePhase.Waiting, new InteractiveEvent.JobSeen(JobState.Deleted, null), Id);

        Assert.Equal(InteractivePhase.Ended, phase);
        Assert.DoesNotContain(new InteractiveAction.EnterRawMode(), actions);
        Assert.Equal(new InteractiveAction.Exit(1), actions[^1]);
    }

    [Fact]
    public void Decide_JobFinishedWhileAttachedWithoutTheTerminalsEnd_RestoresAndExitsWithTheJobsStatus()
    {
        var (phase, actions) = InteractiveSession.Decide(InteractivePhase.Attached, new InteractiveEvent.JobSeen(JobState.Failed, 127), Id);

        Assert.Equal(InteractivePhase.Ended, phase);
        Assert.Equal(new InteractiveAction.RestoreTerminal(), actions[0]);
        Assert.Equal(new InteractiveAction.Exit(127), actions[^1]);
    }

    [Fact]
    public void Decide_AfterTheEnd_IgnoresEverything()
    {
        var (phase, actions) = InteractiveSession.Decide(InteractivePhase.Ended, new InteractiveEvent.TerminalEnded(0, null), Id);

        Assert.Equal(InteractivePhase.Ended, phase);
        Assert.Empty(actions);
    }

    [Fact]
    public void TerminalIdOf_NeverNamesAPart()
    {
        Assert.True(InteractiveSession.IsTerminal(InteractiveSession.TerminalIdOf(1)));
        Assert.False(InteractiveSession.IsTerminal(1));
    }
}
