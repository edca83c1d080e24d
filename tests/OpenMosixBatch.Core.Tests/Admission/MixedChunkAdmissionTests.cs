using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>Admission, submission checks, GPUs and PBS_NODEFILE for chunks of several shapes (issue 21).</summary>
public sealed class MixedChunkAdmissionTests
{
    private static readonly AdmissionSettings Open = new(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds>());

    private static ResourceRequest Select(string select) => ResourceListParser.Apply(ResourceRequest.Default, [select]).Value!;

    private static JobSpec Mixed(string select, TimeSpan? walltime = null) => Spec(walltime: walltime) with { Resources = Select(select) with { Walltime = walltime } };

    [Fact]
    public void Plan_MixedJob_StartsWithEachChunkWhereItsKindFits_AndTheNextJobSeesTheirRoom()
    {
        NodeSnapshot[] nodes = [Node("a", cpus: 4, memGb: 16), Node("b", cpus: 2, memGb: 4)];

        // The 4-CPU chunk fills a, both small chunks go on b; the next 1-CPU job then finds no CPU free.
        var plan = AdmissionPolicy.Plan([Submit(1, Mixed("select=1:ncpus=4:mem=8gb+2:ncpus=1:mem=1gb")), Submit(2)], nodes, Open, T0);

        Assert.Equal(["a", "b", "b"], plan.Starts.Single(s => s.JobId == 1).Nodes);
        Assert.DoesNotContain(plan.Starts, s => s.JobId == 2);
    }

    [Fact]
    public void Plan_RunningMixedJob_HoldsEachNodeByItsOwnChunks()
    {
        var running = Running(Submit(1, Mixed("select=1:ncpus=3+1:ncpus=1")), "a,b", T0);
        NodeSnapshot[] nodes = [Node("a", cpus: 4, allocCpus: 3), Node("b", cpus: 4, allocCpus: 1)];

        var plan = AdmissionPolicy.Plan([running, Submit(2, Spec(cpus: 3))], nodes, Open, T0);

        Assert.Equal("b", plan.Starts.Single(s => s.JobId == 2).Nodes[0]);
    }

    [Fact]
    public void Plan_BlockedMixedJob_IsReservedAtTheEndOfTheJobAhead()
    {
        var running = Running(Submit(1, Spec(cpus: 4, walltime: TimeSpan.FromHours(1))), "a", T0);
        NodeSnapshot[] nodes = [Node("a", cpus: 4, allocCpus: 4), Node("b", cpus: 2)];

        var plan = AdmissionPolicy.Plan([running, Submit(2, Mixed("select=1:ncpus=4+1:ncpus=1", TimeSpan.FromHours(1))),
            Submit(3, Spec(cpus: 2, walltime: TimeSpan.FromHours(2)))], nodes, Open, T0);

        Assert.Empty(plan.Starts);
        Assert.Contains("job 2", plan.Reasons[3], StringComparison.Ordinal);
    }

    [Fact]
    public void WhyNeverFits_AKindNoNodeHolds_NamesTheLargestNode()
    {
        var why = Feasibility.WhyNeverFits(Select("select=1:ncpus=8+1:ncpus=1"), [Node("a", cpus: 4), Node("b", cpus: 2)]);

        Assert.StartsWith("no node can ever hold a chunk of 8 CPUs", why, StringComparison.Ordinal);
    }

    [Fact]
    public void WhyNeverFits_KindsThatNeverFitTogether_SaysSo()
    {
        var why = Feasibility.WhyNeverFits(Select("select=1:ncpus=4+2:ncpus=2"), [Node("a", cpus: 4), Node("b", cpus: 2)]);

        Assert.StartsWith("the whole cluster can never hold these chunks at once, even empty: no room for all 3 chunks", why, StringComparison.Ordinal);
    }

    [Fact]
    public void WhyNeverFits_KindsThatFitTheEmptyCluster_IsNull_WhateverIsAllocatedNow() =>
        Assert.Null(Feasibility.WhyNeverFits(Select("select=1:ncpus=4+2:ncpus=1"), [Node("a", cpus: 4, allocCpus: 4), Node("b", cpus: 2) with { State = NodeState.Offline }]));

    [Fact]
    public void Validate_ABadSecondKind_IsRefused()
    {
        var spec = Spec() with { Resources = Select("select=1:ncpus=1+1:ncpus=1:mpiprocs=1") with { MoreChunks = [new ChunkKind(1, 1, 0) { MpiProcs = 65 }] } };

        var refusal = SubmissionValidator.Validate(spec, [Node("a")], _ => null);

        Assert.Contains("mpiprocs=65", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AGoodMixedRequest_IsAccepted() =>
        Assert.Null(SubmissionValidator.Validate(Mixed("select=1:ncpus=2:mem=1gb+2:ncpus=1:mem=1gb"), [Node("a"), Node("b")], _ => null));

    [Fact]
    public void GpuAssignment_GivesEachChunkItsKindsGpus()
    {
        var inUse = new HashSet<GpuDevice>();

        var given = GpuDeviceAssignment.Assign(Select("select=1:ncpus=1:ngpus=2+1:ncpus=1"), ["a", "b"], _ => 2, inUse);

        Assert.Equal([new GpuDevice("a", 0), new GpuDevice("a", 1)], given);
    }

    [Fact]
    public void NodeFile_ListsEachChunksHostByItsKindsRanks()
    {
        var r = Select("select=1:ncpus=4:mpiprocs=4+2:ncpus=2:mpiprocs=1");

        Assert.Equal(["a", "a", "a", "a", "b", "c"], MpiLaunchEnvironment.NodeFileLines(["a", "b", "c"], r));
        Assert.Equal(["a:4", "b:2"], MpiLaunchEnvironment.HostFileLines(["a", "b", "b"], r));
        var env = new Dictionary<string, string>();
        MpiLaunchEnvironment.Add(env, ["a", "b", "b"], r, "/h", null);
        Assert.Equal(("6", "2", "4"), (env["PBS_NP"], env["PBS_NUM_NODES"], env["PBS_NUM_PPN"]));
    }

    [Fact]
    public void NodeMemoryLimit_IsTheSumOfTheChunksOnThatNode()
    {
        var r = Select("select=1:ncpus=1:mem=4gb+2:ncpus=1:mem=1gb");
        var here = r.MemoryOn(["a", "b", "b"], "b");

        Assert.Equal(2L << 30, here);
        Assert.False(TaskLimitPolicy.DecideNodeMemory(r, 2, (2L << 30) - 1, here).Kill);
        Assert.True(TaskLimitPolicy.DecideNodeMemory(r, 2, (2L << 30) + 1, here).Kill);
    }
}
