using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class SignalRulesTests
{
    private static readonly JobSignal Term = new(15, "SIGTERM");

    [Fact]
    public void Signal_RunningJob_RecordsTheSignalAndLeavesTheJobAsItWas()
    {
        var job = Running(Submit(1), "node2", T0);

        var t = SignalRules.Signal(job, null, Term, "alice", T0);

        Assert.True(t.Ok);
        Assert.Equal(job, t.Job);
        Assert.Equal(("signalled", "SIGTERM to 1 by alice on node2"), (t.Event!.Kind, t.Event.Detail));
        Assert.Equal([0], SignalRules.Targets(job, null, Term).Select(x => x.Index));
    }

    [Fact]
    public void Signal_QueuedJob_IsRefusedWithItsState()
    {
        var t = SignalRules.Signal(Submit(1), null, Term, "alice", T0);

        Assert.False(t.Ok);
        Assert.Equal("job 1 is not running (Q): qsig signals only running jobs; see its state with 'qstat 1'", t.Refusal);
    }

    [Fact]
    public void Suspend_ThenResume_GoesToSAndBackToR()
    {
        var job = Running(Submit(1), "node1", T0);

        var suspended = SignalRules.Signal(job, null, JobSignal.Suspend, "root", T0);
        Assert.Equal((JobState.Suspended, JobState.Suspended, 'S'), (suspended.Job!.State, suspended.Job.Tasks[0].State, suspended.Job.State.Letter()));
        Assert.Equal("suspended", suspended.Event!.Kind);
        Assert.True(suspended.Job.Tasks[0].State.IsActive());

        var again = SignalRules.Signal(suspended.Job, null, JobSignal.Suspend, "root", T0);
        Assert.Equal("job 1 is already suspended: continue it with qsig -s resume 1", again.Refusal);

        var resumed = SignalRules.Signal(suspended.Job, null, JobSignal.Resume, "root", T0);
        Assert.Equal((JobState.Running, JobState.Running, null), (resumed.Job!.State, resumed.Job.Tasks[0].State, resumed.Job.Reason));
        Assert.Equal("resumed", resumed.Event!.Kind);
    }

    [Fact]
    public void Resume_RunningJob_IsRefused()
    {
        var t = SignalRules.Signal(Running(Submit(1), "node1", T0), null, JobSignal.Resume, "root", T0);

        Assert.Equal("job 1 is not suspended (R): qsig -s resume continues only suspended jobs (S)", t.Refusal);
    }

    [Fact]
    public void Signal_ArrayElement_ReachesOnlyThatElement_AndAPlainSignalAlsoReachesSuspendedOnes()
    {
        var array = Submit(1, Spec() with { Array = new ArraySpec([1, 2, 3]) });
        var job = array with { Tasks = [array.Tasks[0] with { State = JobState.Running, Node = ExecutionHosts.Parse("node1") }, array.Tasks[1] with { State = JobState.Suspended, Node = ExecutionHosts.Parse("node2") }, array.Tasks[2]] };

        Assert.Equal([2], SignalRules.Targets(job, 2, Term).Select(t => t.Index));
        Assert.Equal([1, 2], SignalRules.Targets(job, null, Term).Select(t => t.Index));
        Assert.Equal([1], SignalRules.Targets(job, null, JobSignal.Suspend).Select(t => t.Index));
        Assert.Equal("job 1[3] is not running (Q): qsig signals only running jobs; see its state with 'qstat 1[3]'", SignalRules.Signal(job, 3, Term, "a", T0).Refusal);
        Assert.StartsWith("job 1[] has no element [7]", SignalRules.Signal(job, 7, Term, "a", T0).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_SuspendedTask_GoesToExitingForItsNodeToKill()
    {
        var suspended = SignalRules.Signal(Running(Submit(1), "node1", T0), null, JobSignal.Suspend, "root", T0).Job!;

        var deleted = JobStateRules.Delete(suspended, null, "alice", T0);

        Assert.Equal(JobState.Exiting, deleted.Job!.Tasks[0].State);
    }
}
