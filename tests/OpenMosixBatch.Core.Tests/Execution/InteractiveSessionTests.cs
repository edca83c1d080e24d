using CsCheck;
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
    [InlineData(InteractivePhase.Waiting, InteractivePhase.WaitingForServer)]
    [InlineData(InteractivePhase.Attached, InteractivePhase.Detached)]
    public void Decide_ServerLost_KeepsTheSessionAndTheTerminal_SayingSoOnce(InteractivePhase from, InteractivePhase to)
    {
        var (phase, actions) = InteractiveSession.Decide(from, new InteractiveEvent.ServerLost("connection refused", TimeSpan.Zero), Id);
        var (again, more) = InteractiveSession.Decide(phase, new InteractiveEvent.ServerLost("connection refused", TimeSpan.FromSeconds(30)), Id);

        Assert.Equal(to, phase);
        var say = Assert.IsType<InteractiveAction.Say>(Assert.Single(actions));
        Assert.Contains("the server was lost (connection refused)", say.Line, StringComparison.Ordinal);
        Assert.Equal(to, again);
        Assert.Empty(more);
    }

    [Theory]
    [InlineData(InteractivePhase.Waiting, false)]
    [InlineData(InteractivePhase.WaitingForServer, false)]
    [InlineData(InteractivePhase.Attached, true)]
    [InlineData(InteractivePhase.Detached, true)]
    public void Decide_ServerLostForTheWholeReconnectTime_ExitsWith3_RestoringTheTerminalOnlyWhenRaw(InteractivePhase from, bool restores)
    {
        var (phase, actions) = InteractiveSession.Decide(from, new InteractiveEvent.ServerLost("connection refused", InteractiveSession.ReconnectFor), Id);

        Assert.Equal(InteractivePhase.Ended, phase);
        Assert.Equal(restores, actions.Contains(new InteractiveAction.RestoreTerminal()));
        Assert.DoesNotContain(new InteractiveAction.DeleteJob(), actions);
        Assert.Equal(new InteractiveAction.Exit(3), actions[^1]);
    }

    [Fact]
    public void Decide_ServerBackWhileDetached_ReattachesAndResumesTheRelay()
    {
        var (phase, actions) = InteractiveSession.Decide(InteractivePhase.Detached, new InteractiveEvent.ServerBack(), Id);

        Assert.Equal(InteractivePhase.Attached, phase);
        Assert.Equal([new InteractiveAction.Say("qsub: job 12 reattached"), new InteractiveAction.ResumeRelay()], actions);
    }

    [Fact]
    public void Decide_ServerBackWhileWaiting_WaitsAgainWithoutTouchingTheTerminal()
    {
        var (phase, actions) = InteractiveSession.Decide(InteractivePhase.WaitingForServer, new InteractiveEvent.ServerBack(), Id);

        Assert.Equal(InteractivePhase.Waiting, phase);
        Assert.DoesNotContain(actions, a => a is InteractiveAction.EnterRawMode or InteractiveAction.StartRelay or InteractiveAction.ResumeRelay);
    }

    [Theory]
    [InlineData(InteractivePhase.WaitingForServer, false)]
    [InlineData(InteractivePhase.Detached, true)]
    public void Decide_InterruptedWhileTheServerIsAway_DeletesTheJobAndExits130(InteractivePhase from, bool restores)
    {
        var (phase, actions) = InteractiveSession.Decide(from, new InteractiveEvent.Interrupted(), Id);

        Assert.Equal(InteractivePhase.Ended, phase);
        Assert.Contains(new InteractiveAction.DeleteJob(), actions);
        Assert.Equal(restores, actions.Contains(new InteractiveAction.RestoreTerminal()));
        Assert.Equal(new InteractiveAction.Exit(InteractiveSession.InterruptedStatus), actions[^1]);
    }

    [Fact]
    public void Decide_AnyEvents_TerminalIsRestoredBeforeEveryExit_AndNothingFollowsTheEnd()
    {
        var events = Gen.OneOf<InteractiveEvent>(
            Gen.Select(Gen.Enum<JobState>(), Gen.Int[-1, 255], (s, e) => (InteractiveEvent)new InteractiveEvent.JobSeen(s, e < 0 ? null : e)),
            Gen.Int[0, 255].Select(e => (InteractiveEvent)new InteractiveEvent.TerminalEnded(e, null)),
            Gen.Const<InteractiveEvent>(new InteractiveEvent.Interrupted()),
            Gen.Const<InteractiveEvent>(new InteractiveEvent.ServerBack()),
            Gen.Int[0, 400].Select(s => (InteractiveEvent)new InteractiveEvent.ServerLost("lost", TimeSpan.FromSeconds(s))));
        events.Array[1, 30].Sample(sequence =>
        {
            var (phase, raw, exits) = (InteractivePhase.Waiting, false, 0);
            foreach (var e in sequence)
            {
                var ended = phase == InteractivePhase.Ended;
                (phase, var actions) = InteractiveSession.Decide(phase, e, Id);
                Assert.True(!ended || actions.Count == 0, "an ended session still acted");
                foreach (var action in actions)
                {
                    raw = action switch
                    {
                        InteractiveAction.EnterRawMode => true,
                        InteractiveAction.RestoreTerminal => false,
                        _ => raw,
                    };
                    Assert.False(action is InteractiveAction.Exit && raw, "exited with the terminal raw");
                    exits += action is InteractiveAction.Exit ? 1 : 0;
                }

                Assert.Equal(phase is InteractivePhase.Attached or InteractivePhase.Detached, raw);
            }

            Assert.True(exits <= 1);
            Assert.Equal(phase == InteractivePhase.Ended, exits == 1);
        });
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
