using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

public sealed class AdmissionPolicyTests
{
    private static readonly NodeSnapshot[] TwoByTwo = [Node("node1"), Node("node2")];

    private static AdmissionSettings Thresholds(double cpu, double mem = 0.85, UtilizationMode mode = UtilizationMode.Max) =>
        new(new AdmissionThresholds(cpu, mem), new Dictionary<string, AdmissionThresholds>(), mode);

    [Fact]
    public void Plan_JobsThatFit_StartLeastLoadedFirst()
    {
        var plan = AdmissionPolicy.Plan([Submit(1), Submit(2)], TwoByTwo, Thresholds(0.9), T0);

        Assert.Equal(["node1", "node2"], plan.Starts.Select(s => s.Nodes[0]));
        Assert.Empty(plan.Reasons);
    }

    [Fact]
    public void Plan_CpuThreshold_HoldsBackTheThirdJobNamingTheThreshold()
    {
        var plan = AdmissionPolicy.Plan([Submit(1), Submit(2), Submit(3)], TwoByTwo, Thresholds(0.5), T0);

        Assert.Equal([1L, 2L], plan.Starts.Select(s => s.JobId));
        Assert.Equal("cluster CPU would be 75% > threshold 50% (queue batch)", plan.Reasons[3]);
    }

    [Fact]
    public void Plan_MemoryThreshold_NamesMemory()
    {
        var plan = AdmissionPolicy.Plan([Submit(1, Spec(memMb: 3 * 1024))], TwoByTwo, Thresholds(0.9, 0.3), T0);

        Assert.Empty(plan.Starts);
        Assert.StartsWith("cluster memory would be", plan.Reasons[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PerQueueThreshold_Applies()
    {
        var settings = new AdmissionSettings(new AdmissionThresholds(0.9, 0.85), new Dictionary<string, AdmissionThresholds> { ["low"] = new(0.25, 0.85) });

        var plan = AdmissionPolicy.Plan([Submit(1, Spec(queue: "low")), Submit(2, Spec(queue: "low"))], TwoByTwo, settings, T0);

        Assert.Single(plan.Starts);
        Assert.Contains("(queue low)", plan.Reasons[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MemoryIsNeverPooled_TaskNeedsOneNodeWithTheMemory()
    {
        var nodes = new[] { Node("node1", memGb: 4, allocMemGb: 2), Node("node2", memGb: 4, allocMemGb: 2) };

        var plan = AdmissionPolicy.Plan([Submit(1, Spec(memMb: 3 * 1024))], nodes, Thresholds(1, 1), T0);

        Assert.Empty(plan.Starts);
        Assert.Equal("no node has 1 CPUs and 3 GiB free; largest free: node1 with 2 CPUs and 2 GiB", plan.Reasons[1]);
    }

    [Fact]
    public void Plan_BigTask_GoesOnlyToTheNodeWithEnoughFreeMemory()
    {
        var nodes = new[] { Node("node1", memGb: 4, allocMemGb: 2), Node("node2", memGb: 4) };

        var plan = AdmissionPolicy.Plan([Submit(1, Spec(memMb: 3 * 1024))], nodes, Thresholds(1, 1), T0);

        Assert.Equal("node2", Assert.Single(plan.Starts).Nodes[0]);
    }

    [Fact]
    public void Plan_Priority_ThenSubmitOrder()
    {
        var plan = AdmissionPolicy.Plan([Submit(1), Submit(2, Spec(priority: 10)), Submit(3)], [Node("node1", cpus: 2)], Thresholds(1), T0);

        Assert.Equal([2L, 1L], plan.Starts.Select(s => s.JobId));
        Assert.Contains(3L, plan.Reasons.Keys);
    }

    [Fact]
    public void Plan_HeldAndWaitingJobs_DoNotStartAndSayWhy()
    {
        var held = Submit(1, Spec() with { Held = true });
        var waiting = Submit(2, Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, 1)] });

        var plan = AdmissionPolicy.Plan([held, waiting], TwoByTwo, Thresholds(1), T0);

        Assert.Empty(plan.Starts);
        Assert.Equal("held by user", plan.Reasons[1]);
        Assert.Equal("dependency afterok:1 not met (1 is H)", plan.Reasons[2]);
    }

    [Fact]
    public void Plan_Array_SpreadsOverNodesAndHonoursTheLimit()
    {
        var array = Submit(1, Spec() with { Array = new ArraySpec([1, 2, 3, 4], MaxConcurrent: 3) });
        var nodes = new[] { Node("node1", cpus: 4), Node("node2", cpus: 4), Node("node3", cpus: 4) };

        var plan = AdmissionPolicy.Plan([array], nodes, Thresholds(1), T0);

        Assert.Equal(["node1", "node2", "node3"], plan.Starts.Select(s => s.Nodes[0]).Order());
        Assert.Equal([1, 2, 3], plan.Starts.Select(s => s.TaskIndex));
    }

    [Fact]
    public void Plan_ArrayLimitReachedByRunningElements_SaysSo()
    {
        var array = Submit(1, Spec() with { Array = new ArraySpec([1, 2, 3], MaxConcurrent: 1) });
        array = array with { Tasks = [array.Tasks[0] with { State = JobState.Running, Node = ExecutionHosts.Parse("node1"), StartTime = T0 }, .. array.Tasks.Skip(1)] };

        var plan = AdmissionPolicy.Plan([array], TwoByTwo, Thresholds(1), T0);

        Assert.Empty(plan.Starts);
        Assert.Equal("array limit %1 reached (1 running)", plan.Reasons[1]);
    }

    [Fact]
    public void Plan_MultiChunkTask_PlacesEveryChunk()
    {
        var spec = Spec() with { Resources = new ResourceRequest(Chunks: 2, CpusPerChunk: 2) };

        var plan = AdmissionPolicy.Plan([Submit(1, spec)], TwoByTwo, Thresholds(1), T0);

        Assert.Equal(["node1", "node2"], Assert.Single(plan.Starts).Nodes);
    }

    [Fact]
    public void Plan_OfflineAndDownNodes_TakeNoWork()
    {
        var nodes = new[] { Node("node1", state: NodeState.Offline), Node("node2", state: NodeState.Down) };

        var plan = AdmissionPolicy.Plan([Submit(1)], nodes, Thresholds(1), T0);

        Assert.Empty(plan.Starts);
        Assert.Contains("no execution node is up", plan.Reasons[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UtilizationMode.Allocated, 1)]
    [InlineData(UtilizationMode.Measured, 0)]
    [InlineData(UtilizationMode.Max, 0)]
    public void Plan_MeasuredLoad_CountsInMeasuredAndMaxModes(UtilizationMode mode, int starts)
    {
        var busy = new[] { Node("node1") with { MeasuredCpuUtilization = 0.95 }, Node("node2") with { MeasuredCpuUtilization = 0.95 } };

        var plan = AdmissionPolicy.Plan([Submit(1)], busy, Thresholds(0.9, 1, mode), T0);

        Assert.Equal(starts, plan.Starts.Count);
    }

    [Fact]
    public void Plan_Backfill_ShortJobRunsBeforeReservationLongJobWaits()
    {
        var running = Running(Submit(1, Spec(cpus: 2, walltime: TimeSpan.FromHours(1))), "node1", T0);
        var big = Submit(2, Spec(cpus: 2, walltime: TimeSpan.FromHours(1)));
        var node = new[] { Node("node1", cpus: 3, allocCpus: 2) };
        var shortJob = Submit(3, Spec(walltime: TimeSpan.FromMinutes(30)));
        var longJob = Submit(4, Spec(walltime: TimeSpan.FromHours(2)));

        var plan = AdmissionPolicy.Plan([running, big, shortJob, longJob], node, Thresholds(1, 1), T0);

        Assert.Equal(3L, Assert.Single(plan.Starts).JobId);
        Assert.StartsWith("backfill: would delay job 2", plan.Reasons[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoWalltimesKnown_SmallerJobsThatFitStillStart()
    {
        var running = Running(Submit(1, Spec(cpus: 2)), "node1", T0);
        var big = Submit(2, Spec(cpus: 2));
        var small = Submit(3);

        var plan = AdmissionPolicy.Plan([running, big, small], [Node("node1", cpus: 3, allocCpus: 2)], Thresholds(1, 1), T0);

        Assert.Equal(3L, Assert.Single(plan.Starts).JobId);
    }

    [Fact]
    public void Plan_ManyIdenticalBlockedJobs_ShareTheReasonAndSmallerJobsStillStart()
    {
        var big = Enumerable.Range(1, 1000).Select(i => Submit(i, Spec(cpus: 2))).ToList();
        var small = Submit(2000, Spec(cpus: 1));

        var plan = AdmissionPolicy.Plan([.. big, small], [Node("node1", cpus: 3)], Thresholds(1, 1), T0);

        Assert.Equal([1L, 2000L], plan.Starts.Select(s => s.JobId));
        Assert.Equal(999, plan.Reasons.Count);
        Assert.All(plan.Reasons.Values, r => Assert.Equal("no node has 2 CPUs free; largest free: node1 with 1 CPUs and 4 GiB", r));
    }
}
