using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>Admission counts GPUs like CPUs, keeps exclusive nodes to their job, and reserves for a GPU job (issue 21).</summary>
public sealed class AdmissionPolicyGpuTests
{
    private static readonly AdmissionSettings Open = new(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds>());

    private static JobSpec Gpu(int gpus = 1, TimeSpan? walltime = null) =>
        Spec(walltime: walltime) with { Resources = new ResourceRequest(Walltime: walltime) { GpusPerChunk = gpus } };

    [Fact]
    public void Plan_SecondGpuJobOnAOneGpuCluster_WaitsNamingGpus_WhileACpuJobStarts()
    {
        NodeSnapshot[] nodes = [Node("a", cpus: 4) with { Gpus = 1 }, Node("b", cpus: 4)];

        var plan = AdmissionPolicy.Plan([Submit(1, Gpu()), Submit(2, Gpu()), Submit(3)], nodes, Open, T0);

        Assert.Equal([(1L, "a"), (3L, "b")], plan.Starts.Select(s => (s.JobId, s.Nodes[0])));
        Assert.Equal("no node has 1 CPUs and 1 GPUs free; largest free: b with 4 CPUs and 4 GiB and 0 GPUs", plan.Reasons[2]);
    }

    [Fact]
    public void Plan_BlockedGpuJob_IsReservedAtTheEndOfTheGpuJobAhead_SoALongCpuJobOnItsNodeWaits()
    {
        var running = Running(Submit(1, Gpu(walltime: TimeSpan.FromHours(1))), "a", T0);
        NodeSnapshot[] nodes = [Node("a", cpus: 2, allocCpus: 1) with { Gpus = 1, AllocatedGpus = 1 }];

        var plan = AdmissionPolicy.Plan([running, Submit(2, Gpu(walltime: TimeSpan.FromHours(1))), Submit(3, Spec(walltime: TimeSpan.FromHours(2)))], nodes, Open, T0);

        Assert.Empty(plan.Starts);
        Assert.Contains("GPUs", plan.Reasons[2], StringComparison.Ordinal);
        Assert.Contains("job 2", plan.Reasons[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ExclusiveJob_WaitsForAnEmptyNode_AndKeepsItsNodeFromOthers()
    {
        var exclusive = Spec() with { Resources = new ResourceRequest() { Sharing = PlacementSharing.Exclusive } };
        NodeSnapshot[] nodes = [Node("a", cpus: 4, allocCpus: 1), Node("b", cpus: 4)];

        var plan = AdmissionPolicy.Plan([Submit(1, exclusive), Submit(2), Submit(3), Submit(4)], nodes, Open, T0);

        Assert.Equal("b", plan.Starts.Single(s => s.JobId == 1).Nodes[0]);
        Assert.All(plan.Starts.Where(s => s.JobId != 1), s => Assert.Equal("a", s.Nodes[0]));
    }
}
