using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>tracejob's reasons: recorded when their kind changes, never because a pass recomputed the same kind's text.</summary>
public sealed class WaitReasonChangesTests
{
    private static readonly NodeSnapshot[] OneNode = [Node("node1")];

    private static AdmissionSettings Thresholds(double cpu) =>
        new(new AdmissionThresholds(cpu, 0.85), new Dictionary<string, AdmissionThresholds>(), UtilizationMode.Max);

    private static Func<long, Job?> Lookup(params Job[] jobs) => jobs.ToDictionary(j => j.Id).GetValueOrDefault;

    [Fact]
    public void Detect_FirstPass_RecordsTheKindOfEveryReasonThePassComputed_AndTheDeferredOnesWhenGivenTheQueue()
    {
        // Job 2 fills the node, so the pass stops there and defers job 3's reason until someone asks.
        Job[] jobs = [Submit(1) with { UserHold = true, State = JobState.Held }, Submit(2, Spec(cpus: 2)), Submit(3, Spec(cpus: 2))];
        var index = QueueIndex.Of(jobs, QueueOrder.Fcfs);
        var plan = AdmissionPolicy.Plan(index, Lookup(jobs), OneNode, Thresholds(1), T0);

        var everyPass = WaitReasonChanges.Detect(plan, Lookup(jobs));
        var sweep = WaitReasonChanges.Detect(plan, Lookup(jobs), index.Pending);

        Assert.Equal([(1L, WaitKind.Held)], everyPass.Select(c => (c.JobId, c.Kind)));
        Assert.Equal([(1L, WaitKind.Held), (3L, WaitKind.NoRoom)], sweep.Select(c => (c.JobId, c.Kind)));
        Assert.Equal(plan.ReasonFor(jobs[2], Lookup(jobs)), sweep[1].Text);
    }

    [Fact]
    public void Detect_DeferredReasonAlreadyRecorded_IsNoChange()
    {
        Job[] jobs = [Submit(2, Spec(cpus: 2)), Submit(3, Spec(cpus: 2)) with { LastWait = WaitKind.NoRoom }];
        var index = QueueIndex.Of(jobs, QueueOrder.Fcfs);
        var plan = AdmissionPolicy.Plan(index, Lookup(jobs), OneNode, Thresholds(1), T0);

        Assert.Empty(WaitReasonChanges.Detect(plan, Lookup(jobs), index.Pending));
    }

    [Fact]
    public void Detect_SameKindWithOtherFigures_IsNoChange()
    {
        // Over the threshold on both passes, at 75% and then at 100%: the text changes, the kind does not.
        var waiting = Submit(3) with { LastWait = WaitKind.OverThreshold };
        var first = new AdmissionPlan([], new Dictionary<long, string> { [3] = "cluster CPU would be 75% > threshold 50% (queue batch)" }, Kinds: new Dictionary<long, WaitKind> { [3] = WaitKind.OverThreshold });
        var second = first with { Reasons = new Dictionary<long, string> { [3] = "cluster CPU would be 100% > threshold 50% (queue batch)" } };

        Assert.Empty(WaitReasonChanges.Detect(first, Lookup(waiting)));
        Assert.Empty(WaitReasonChanges.Detect(second, Lookup(waiting)));
    }

    [Fact]
    public void Detect_KindChanged_IsOneChangeWithTheNewText()
    {
        var waiting = Submit(3) with { LastWait = WaitKind.OverThreshold };
        var plan = new AdmissionPlan([], new Dictionary<long, string> { [3] = "no node has 4 GiB free; largest has 2" }, Kinds: new Dictionary<long, WaitKind> { [3] = WaitKind.NoRoom });

        var change = Assert.Single(WaitReasonChanges.Detect(plan, Lookup(waiting)));

        Assert.Equal(new WaitReasonChange(3, WaitKind.NoRoom, "no node has 4 GiB free; largest has 2"), change);
    }

    [Fact]
    public void Detect_JobGoneSinceThePass_IsSkipped()
    {
        var plan = new AdmissionPlan([], new Dictionary<long, string> { [9] = "held by user" }, Kinds: new Dictionary<long, WaitKind> { [9] = WaitKind.Held });

        Assert.Empty(WaitReasonChanges.Detect(plan, Lookup()));
    }

    [Fact]
    public void Apply_RecordsTheKindOnTheJobAndATypedEvent_OnceOnly()
    {
        var job = Submit(4);
        var change = new WaitReasonChange(4, WaitKind.Backfill, "backfill: would delay job 2 (reserved at 12:30:00)");

        var (recorded, evt) = WaitReasonChanges.Apply(job, change, T0.AddMinutes(1))!.Value;

        Assert.Equal(WaitKind.Backfill, recorded.LastWait);
        Assert.Equal(new Storage.JobEvent(4, T0.AddMinutes(1), WaitReasonChanges.EventKind, change.Text, WaitKind.Backfill), evt);
        Assert.Null(WaitReasonChanges.Apply(recorded, change, T0.AddMinutes(2)));
    }

    [Fact]
    public void Apply_JobThatNoLongerWaits_IsLeftAsItIs()
    {
        var finished = Finished(Submit(5), JobState.Completed);
        var running = Submit(6) with { Tasks = [new JobTask(0, JobState.Running)], State = JobState.Running };
        var change = new WaitReasonChange(5, WaitKind.NoRoom, "no room");

        Assert.Null(WaitReasonChanges.Apply(finished, change, T0));
        Assert.Null(WaitReasonChanges.Apply(running, change with { JobId = 6 }, T0));
    }

    [Fact]
    public void AfterDispatch_NoTaskLeftWaiting_ClearsTheKind_ElseKeepsIt()
    {
        var started = Submit(7) with { Tasks = [new JobTask(0, JobState.Running)], State = JobState.Running, LastWait = WaitKind.NoRoom };
        var array = Submit(8) with { Tasks = [new JobTask(0, JobState.Running), new JobTask(1, JobState.Queued)], LastWait = WaitKind.NoRoom };

        Assert.Null(WaitReasonChanges.AfterDispatch(started).LastWait);
        Assert.Equal(WaitKind.NoRoom, WaitReasonChanges.AfterDispatch(array).LastWait);
    }
}
