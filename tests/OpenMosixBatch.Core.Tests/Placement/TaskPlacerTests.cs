using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Placement;

/// <summary>GPUs, properties, hosts and place= in placement (issue 21).</summary>
public sealed class TaskPlacerTests
{
    private static (IReadOnlyList<string>? Nodes, string? Reason) Place(ResourceRequest r, params NodeSnapshot[] nodes) =>
        TaskPlacer.Place(r, new NodeLedger(nodes, UtilizationMode.Allocated), new Dictionary<string, int>());

    [Fact]
    public void Place_GpuChunk_GoesToTheNodeWithGpus()
    {
        var (nodes, _) = Place(new ResourceRequest() { GpusPerChunk = 1 }, Node("a"), Node("b", allocCpus: 1) with { Gpus = 2 });

        Assert.Equal(["b"], nodes);
    }

    [Fact]
    public void Place_GpusAllAllocated_WaitsNamingTheGpus()
    {
        var (nodes, reason) = Place(new ResourceRequest() { GpusPerChunk = 1 }, Node("a"), Node("b") with { Gpus = 2, AllocatedGpus = 2 });

        Assert.Null(nodes);
        Assert.Equal("no node has 1 CPUs and 1 GPUs free; largest free: a with 2 CPUs and 4 GiB and 0 GPUs", reason);
    }

    [Fact]
    public void Place_TwoGpuChunks_TakeTwoNodesWhenEachHasOne()
    {
        var (nodes, _) = Place(new ResourceRequest(Chunks: 2) { GpusPerChunk = 1 }, Node("a") with { Gpus = 1 }, Node("b") with { Gpus = 1 });

        Assert.Equal(["a", "b"], nodes!.Order());
    }

    [Fact]
    public void Place_Property_SteersToTheNodeThatHasIt()
    {
        var (nodes, _) = Place(new ResourceRequest() { Properties = ["ib"] }, Node("a"), Node("b", allocCpus: 1) with { Properties = ["ib"] });

        Assert.Equal(["b"], nodes);
    }

    [Fact]
    public void Place_PropertyNoNodeUpHas_SaysSo()
    {
        var (_, reason) = Place(new ResourceRequest() { Properties = ["bigmem"] }, Node("a") with { Properties = ["ib"] });

        Assert.Equal("no node that is up has the properties bigmem", reason);
    }

    [Fact]
    public void Place_HostList_PutsEachChunkOnItsHost()
    {
        var (nodes, _) = Place(new ResourceRequest(Chunks: 2) { Hosts = ["c", "a"] }, Node("a"), Node("b"), Node("c"));

        Assert.Equal(["c", "a"], nodes);
    }

    [Fact]
    public void Place_HostFull_Waits()
    {
        var (nodes, reason) = Place(new ResourceRequest(CpusPerChunk: 2) { Hosts = ["a"] }, Node("a", allocCpus: 1), Node("b"));

        Assert.Null(nodes);
        Assert.StartsWith("no node on a has 2 CPUs free", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_Scatter_RefusesTwoChunksOnOneNodeWhereFreeAllowsThem()
    {
        var request = new ResourceRequest(Chunks: 3);
        NodeSnapshot[] nodes = [Node("a", cpus: 4), Node("b", cpus: 4, allocCpus: 3)];

        Assert.NotNull(Place(request, nodes).Nodes);
        var (scattered, reason) = Place(request with { Arrangement = PlacementArrangement.Scatter }, nodes);
        Assert.Null(scattered);
        Assert.Contains("on each of 3 different nodes (place=scatter)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_Scatter_PutsEachChunkOnADifferentNode()
    {
        var (nodes, _) = Place(new ResourceRequest(Chunks: 3) { Arrangement = PlacementArrangement.Scatter }, Node("a", cpus: 8), Node("b", cpus: 8), Node("c", cpus: 8));

        Assert.Equal(3, nodes!.Distinct().Count());
    }

    [Fact]
    public void Place_Pack_PutsEveryChunkOnOneNode()
    {
        NodeSnapshot[] cluster = [Node("a", cpus: 4), Node("b", cpus: 4)];

        Assert.Equal(2, Place(new ResourceRequest(Chunks: 2), cluster).Nodes!.Distinct().Count());
        Assert.Single(Place(new ResourceRequest(Chunks: 2) { Arrangement = PlacementArrangement.Pack }, cluster).Nodes!.Distinct());
    }

    [Fact]
    public void Place_PackNoNodeHoldsAll_Waits() =>
        Assert.Null(Place(new ResourceRequest(Chunks: 3) { Arrangement = PlacementArrangement.Pack }, Node("a"), Node("b")).Nodes);

    [Fact]
    public void Place_Exclusive_TakesOnlyAnEmptyNode()
    {
        var (nodes, _) = Place(new ResourceRequest() { Sharing = PlacementSharing.Exclusive }, Node("a", cpus: 8, allocCpus: 1), Node("b"));

        Assert.Equal(["b"], nodes);
    }

    [Fact]
    public void Place_NodeHeldExclusively_TakesNothingElse()
    {
        var (nodes, _) = Place(new ResourceRequest(), Node("a", cpus: 8, allocCpus: 1) with { ExclusiveChunks = 1 }, Node("b", allocCpus: 1));

        Assert.Equal(["b"], nodes);
    }

    [Fact]
    public void Place_ExclusivePack_PutsItsOwnChunksTogetherOnAnEmptyNode()
    {
        var (nodes, _) = Place(new ResourceRequest(Chunks: 2) { Sharing = PlacementSharing.Exclusive, Arrangement = PlacementArrangement.Pack },
            Node("a", cpus: 8, allocCpus: 1), Node("b", cpus: 4));

        Assert.Equal(["b", "b"], nodes);
    }

    [Fact]
    public void Allocate_ExclusiveChunk_MarksTheNodeAndReleaseUndoesIt()
    {
        var ledger = new NodeLedger([Node("a") with { Gpus = 2 }], UtilizationMode.Allocated);
        var request = new ResourceRequest() { GpusPerChunk = 1, Sharing = PlacementSharing.Exclusive };

        ledger.Allocate("a", request);
        Assert.Equal((1, 1, 1), (ledger["a"].AllocatedCpus, ledger["a"].AllocatedGpus, ledger["a"].ExclusiveChunks));
        ledger.Release("a", request);
        Assert.Equal((0, 0, 0), (ledger["a"].AllocatedCpus, ledger["a"].AllocatedGpus, ledger["a"].ExclusiveChunks));
    }
}
