using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>Submission refusals of GPU, property, host and place= requests no node can ever meet (issue 21).</summary>
public sealed class FeasibilityPlacementTests
{
    private static readonly NodeSnapshot[] Nodes =
    [
        Node("node1", cpus: 4, memGb: 8) with { Properties = ["ib"] },
        Node("node2", cpus: 8, memGb: 16) with { Gpus = 2, Properties = ["ib", "bigmem"] },
    ];

    [Fact]
    public void WhyNeverFits_MoreGpusThanAnyNode_NamesTheLargestGpuNode() =>
        Assert.Equal(
            "no node can ever hold a chunk of 1 CPUs, 0 B and 4 GPUs: the largest node is node2 with 8 CPUs, 16 GiB and 2 GPUs; ask for at most that (e.g. -l select=1:ncpus=1:ngpus=2)",
            Feasibility.WhyNeverFits(new ResourceRequest() { GpusPerChunk = 4 }, Nodes));

    [Fact]
    public void WhyNeverFits_GpusThatFit_IsNull() => Assert.Null(Feasibility.WhyNeverFits(new ResourceRequest() { GpusPerChunk = 2 }, Nodes));

    [Fact]
    public void WhyNeverFits_MoreGpuChunksThanDevices_IsRefused() =>
        Assert.Contains("hold at most 2 such chunks", Feasibility.WhyNeverFits(new ResourceRequest(Chunks: 3) { GpusPerChunk = 1 }, Nodes), StringComparison.Ordinal);

    [Fact]
    public void WhyNeverFits_PropertyNoNodeHas_NamesTheNodesProperties() =>
        Assert.Equal(
            "no node has the property gpu: the nodes' properties are bigmem, ib; ask for one of those or ask the administrator to declare it",
            Feasibility.WhyNeverFits(new ResourceRequest() { Properties = ["gpu"] }, Nodes));

    [Fact]
    public void WhyNeverFits_PropertiesOnDifferentNodesOnly_IsRefused() =>
        Assert.StartsWith("no single node has all of the properties",
            Feasibility.WhyNeverFits(new ResourceRequest() { Properties = ["bigmem", "fast"] }, [Node("a") with { Properties = ["bigmem"] }, Node("b") with { Properties = ["fast"] }]), StringComparison.Ordinal);

    [Fact]
    public void WhyNeverFits_PropertyOnlyOnASmallNode_NamesThatNode() =>
        Assert.Contains("the largest node is node2 with 8 CPUs",
            Feasibility.WhyNeverFits(new ResourceRequest(CpusPerChunk: 12) { Properties = ["bigmem"] }, [.. Nodes, Node("node3", cpus: 64)]), StringComparison.Ordinal);

    [Fact]
    public void WhyNeverFits_UnknownHost_NamesTheNodes() =>
        Assert.StartsWith("no node is named h9: the nodes are node1, node2",
            Feasibility.WhyNeverFits(new ResourceRequest(Chunks: 2) { Hosts = ["node1", "h9"] }, Nodes), StringComparison.Ordinal);

    [Fact]
    public void WhyNeverFits_HostTooSmallForItsChunks_IsRefused() =>
        Assert.StartsWith("the hosts named (node1+node1)",
            Feasibility.WhyNeverFits(new ResourceRequest(Chunks: 2, CpusPerChunk: 3) { Hosts = ["node1", "node1"] }, Nodes), StringComparison.Ordinal);

    [Fact]
    public void WhyNeverFits_ScatterOverMoreNodesThanExist_IsRefused() =>
        Assert.StartsWith("place=scatter puts each chunk on a node of its own, and only 2",
            Feasibility.WhyNeverFits(new ResourceRequest(Chunks: 3) { Arrangement = PlacementArrangement.Scatter }, Nodes), StringComparison.Ordinal);

    [Fact]
    public void WhyNeverFits_PackLargerThanTheLargestNode_IsRefused() =>
        Assert.StartsWith("place=pack puts all 9 chunks on one node, and the largest holds at most 8",
            Feasibility.WhyNeverFits(new ResourceRequest(Chunks: 9) { Arrangement = PlacementArrangement.Pack }, Nodes), StringComparison.Ordinal);

    [Fact]
    public void WhyNeverFits_ExclusiveChunks_MayShareTheirOwnNode() =>
        Assert.Null(Feasibility.WhyNeverFits(new ResourceRequest(Chunks: 3) { Sharing = PlacementSharing.Exclusive, Arrangement = PlacementArrangement.Pack }, Nodes));
}
