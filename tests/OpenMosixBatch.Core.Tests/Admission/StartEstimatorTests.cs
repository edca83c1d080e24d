using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>Start-time estimates against schedules worked out by hand (times are offsets from T0, the estimate's now).</summary>
public sealed class StartEstimatorTests
{
    private static readonly AdmissionSettings NoThresholds = new(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds>());
    private static readonly TimeSpan H = TimeSpan.FromHours(1);

    [Fact]
    public void Estimate_JobThatFitsNow_StartsNowOnTheNodeAdmissionWouldPick()
    {
        var estimates = StartEstimator.Estimate([Submit(1, Spec(walltime: H))], [Node("node1"), Node("node2")], NoThresholds, T0);

        Assert.Equal(StartEstimate.At(T0, ["node1"]).Start, estimates[1].Start);
        Assert.Equal(["node1"], estimates[1].Nodes);
    }

    [Fact]
    public void Estimate_FullNode_StartsWhenTheRunningTaskReachesItsWalltime()
    {
        // node1: 2 CPUs, job 1 holds both from T0-10min for 30min, so they come back at T0+20min.
        var running = Running(Submit(1, Spec(cpus: 2, walltime: TimeSpan.FromMinutes(30))), "node1", T0.AddMinutes(-10));
        var estimates = StartEstimator.Estimate([running, Submit(2, Spec(cpus: 2, walltime: H))], [Node("node1", allocCpus: 2)], NoThresholds, T0);

        Assert.Equal(T0.AddMinutes(20), estimates[2].Start);
        Assert.Equal(["node1"], estimates[2].Nodes);
        Assert.False(estimates.ContainsKey(1));
    }

    [Fact]
    public void Estimate_QueueBehindAFullNode_EachJobAfterThoseAheadOfIt()
    {
        // One node of 2 CPUs. Job 1 runs on both until 1h. Job 2 (2 CPUs, 1h) then runs 1h-2h. Job 3 (1 CPU, 3h) cannot
        // start before 2h without delaying job 2, so 2h-5h; job 4 (1 CPU, 30min) takes the other CPU at 2h.
        // Job 5 (2 CPUs) waits for job 3: 5h.
        var jobs = new[]
        {
            Running(Submit(1, Spec(cpus: 2, walltime: H)), "node1", T0),
            Submit(2, Spec(cpus: 2, walltime: H)),
            Submit(3, Spec(cpus: 1, walltime: 3 * H)),
            Submit(4, Spec(cpus: 1, walltime: TimeSpan.FromMinutes(30))),
            Submit(5, Spec(cpus: 2, walltime: H)),
        };

        var estimates = StartEstimator.Estimate(jobs, [Node("node1", allocCpus: 2)], NoThresholds, T0);

        Assert.Equal([T0 + H, T0 + (2 * H), T0 + (2 * H), T0 + (5 * H)], new long[] { 2, 3, 4, 5 }.Select(id => estimates[id].Start!.Value));
    }

    [Fact]
    public void Estimate_ShortJob_BackfillsNowWhereItDelaysNoOne()
    {
        // node1 is full until 1h; node2 has one CPU free until 3h. Job 2 needs a whole node: node1 at 1h. Job 3
        // (1 CPU, 30 min) fits on node2 now and delays nobody.
        var jobs = new[]
        {
            Running(Submit(1, Spec(cpus: 2, walltime: H)), "node1", T0),
            Running(Submit(9, Spec(cpus: 1, walltime: 3 * H)), "node2", T0),
            Submit(10, Spec(cpus: 2, walltime: 2 * H)),
            Submit(11, Spec(cpus: 1, walltime: TimeSpan.FromMinutes(30))),
        };

        var estimates = StartEstimator.Estimate(jobs, [Node("node1", allocCpus: 2), Node("node2", allocCpus: 1)], NoThresholds, T0);

        Assert.Equal((T0 + H, "node1"), (estimates[10].Start!.Value, estimates[10].Nodes[0]));
        Assert.Equal((T0, "node2"), (estimates[11].Start!.Value, estimates[11].Nodes[0]));
    }

    [Fact]
    public void Estimate_FirstBlockedJob_IsTheReservationTheAdmissionPassMakes()
    {
        var jobs = new[]
        {
            Running(Submit(1, Spec(cpus: 2, walltime: TimeSpan.FromMinutes(45))), "node1", T0),
            Running(Submit(2, Spec(cpus: 2, walltime: TimeSpan.FromMinutes(95))), "node2", T0),
            Submit(3, Spec(cpus: 2, walltime: H)),
            Submit(4, Spec(cpus: 1, walltime: 2 * H)),
        };
        var nodes = new[] { Node("node1", allocCpus: 2), Node("node2", allocCpus: 2) };

        var plan = AdmissionPolicy.Plan(jobs, nodes, NoThresholds, T0);
        var estimates = StartEstimator.Estimate(jobs, nodes, NoThresholds, T0);

        Assert.Equal($"backfill: would delay job 3 (reserved at {T0.AddMinutes(45):HH:mm:ss})", plan.Reasons[4]);
        Assert.Equal(T0.AddMinutes(45), estimates[3].Start);
        Assert.Equal(T0.AddMinutes(95), estimates[4].Start);
    }

    [Fact]
    public void Estimate_CpuThreshold_DelaysTheStartUntilEnoughEnds()
    {
        // Two nodes of 2 CPUs, threshold 50%: two CPUs may be in use. Jobs 1 and 2 run until 1h and 2h.
        var settings = new AdmissionSettings(new AdmissionThresholds(0.5, 1), new Dictionary<string, AdmissionThresholds>());
        var jobs = new[]
        {
            Running(Submit(1, Spec(walltime: H)), "node1", T0),
            Running(Submit(2, Spec(walltime: 2 * H)), "node2", T0),
            Submit(3, Spec(walltime: H)),
        };

        var estimates = StartEstimator.Estimate(jobs, [Node("node1", allocCpus: 1), Node("node2", allocCpus: 1)], settings, T0);

        Assert.Equal(T0 + H, estimates[3].Start);
    }

    [Fact]
    public void Estimate_RunningTaskWithoutWalltime_MakesTheStartUnknownAndNamesIt()
    {
        var jobs = new[] { Running(Submit(7, Spec(cpus: 2)), "node1", T0), Submit(8, Spec(cpus: 2, walltime: H)) };

        var estimate = StartEstimator.Estimate(jobs, [Node("node1", allocCpus: 2)], NoThresholds, T0)[8];

        Assert.Null(estimate.Start);
        Assert.StartsWith("waits for job(s) without a walltime to end (7): no node has 2 CPUs", estimate.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_WaitingJobWithoutWalltime_StartsButHoldsItsNodeForEver()
    {
        var jobs = new[] { Submit(1, Spec(cpus: 2)), Submit(2, Spec(cpus: 2, walltime: H)) };

        var estimates = StartEstimator.Estimate(jobs, [Node("node1")], NoThresholds, T0);

        Assert.Equal(T0, estimates[1].Start);
        Assert.Null(estimates[2].Start);
        Assert.Contains("without a walltime to end (1)", estimates[2].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_HeldJob_IsUnknownAndTakesNothing()
    {
        var held = JobStateRules.Hold(Submit(1, Spec(cpus: 2, walltime: H)), "alice", T0).Job!;

        var estimates = StartEstimator.Estimate([held, Submit(2, Spec(cpus: 2, walltime: H))], [Node("node1")], NoThresholds, T0);

        Assert.Equal("held by user", estimates[1].Why);
        Assert.Equal(T0, estimates[2].Start);
    }

    [Fact]
    public void Estimate_Dependency_StartsWhenTheJobItWaitsForIsPredictedToEnd()
    {
        // Job 1 runs until 1h on node1 (2 CPUs); job 2 (afterok:1, 1 CPU) could fit on node2 now but waits for 1's end.
        var dependent = Submit(2, Spec(walltime: H) with { Dependencies = [new Dependency(DependencyType.AfterOk, 1)] });
        var jobs = new[] { Running(Submit(1, Spec(cpus: 2, walltime: H)), "node1", T0), dependent };

        var estimates = StartEstimator.Estimate(jobs, [Node("node1", allocCpus: 2), Node("node2")], NoThresholds, T0);

        Assert.Equal(T0 + H, estimates[2].Start);
    }

    [Fact]
    public void Estimate_DependencyOnAJobWithoutWalltime_IsUnknown()
    {
        var dependent = Submit(2, Spec(walltime: H) with { Dependencies = [new Dependency(DependencyType.AfterAny, 1)] });
        var jobs = new[] { Running(Submit(1, Spec()), "node1", T0), dependent };

        var estimate = StartEstimator.Estimate(jobs, [Node("node1", allocCpus: 1)], NoThresholds, T0)[2];

        Assert.Equal("dependency afterany:1 not met and job 1's end cannot be predicted", estimate.Why);
    }

    [Fact]
    public void Estimate_ArrayElements_FillTheNodesThenFollowTheirEnds()
    {
        // 3 elements of 2 CPUs for 1h on one 2-CPU node: 0h, 1h, 2h; the job's estimate is its first element's start.
        var array = Submit(1, Spec(cpus: 2, walltime: H) with { Array = new ArraySpec([1, 2, 3]) });
        var after = Submit(2, Spec(cpus: 2, walltime: H));

        var estimates = StartEstimator.Estimate([array, after], [Node("node1")], NoThresholds, T0);

        Assert.Equal(T0, estimates[1].Start);
        Assert.Equal(T0 + (3 * H), estimates[2].Start);
    }

    [Fact]
    public void Estimate_BeyondTheTaskBudget_SaysItWasNotEstimated()
    {
        var estimates = StartEstimator.Estimate([Submit(1, Spec(walltime: H)), Submit(2, Spec(walltime: H))], [Node("node1")], NoThresholds, T0, maxTasks: 1);

        Assert.Equal(T0, estimates[1].Start);
        Assert.Equal("not estimated: only the first 1 waiting tasks in admission order are", estimates[2].Why);
    }

    [Fact]
    public void Estimate_NoNodeUp_IsUnknownWithTheReason()
    {
        var estimate = StartEstimator.Estimate([Submit(1, Spec(walltime: H))], [Node("node1", state: NodeState.Down)], NoThresholds, T0)[1];

        Assert.Equal("no start predicted: no execution node is up (all are offline or down)", estimate.Why);
    }
}
