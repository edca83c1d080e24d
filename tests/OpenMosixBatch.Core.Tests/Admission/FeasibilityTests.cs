using CsCheck;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

public sealed class FeasibilityTests
{
    private static readonly NodeSnapshot[] Nodes = [Node("node1", cpus: 2, memGb: 4), Node("node3", cpus: 8, memGb: 16, state: NodeState.Offline)];

    [Fact]
    public void WhyNeverFits_FitsOnSomeNodeEvenOffline_IsNull() =>
        Assert.Null(Feasibility.WhyNeverFits(new ResourceRequest(CpusPerChunk: 8, MemoryBytesPerChunk: 16L << 30), Nodes));

    [Fact]
    public void WhyNeverFits_TooMuchMemory_NamesTheLargestNodeAndTheFix() =>
        Assert.Equal(
            "no node can ever hold a chunk of 4 CPUs and 64 GiB: the largest node is node3 with 8 CPUs and 16 GiB; ask for at most that (e.g. -l select=1:ncpus=8:mem=16gb)",
            Feasibility.WhyNeverFits(new ResourceRequest(CpusPerChunk: 4, MemoryBytesPerChunk: 64L << 30), Nodes));

    [Fact]
    public void WhyNeverFits_TooManyCpus_IsRefused() =>
        Assert.NotNull(Feasibility.WhyNeverFits(new ResourceRequest(CpusPerChunk: 9), Nodes));

    [Fact]
    public void WhyNeverFits_NoNodes_SaysSo() =>
        Assert.Contains("no nodes", Feasibility.WhyNeverFits(ResourceRequest.Default, []), StringComparison.Ordinal);

    [Fact]
    public void WhyNeverFits_MoreChunksThanTheClusterHasCpus_NamesTheClustersCapacity() =>
        Assert.Equal(
            "the whole cluster can never hold 5 chunks of 1 CPUs and 0 B: its 2 nodes (4 CPUs and 8 GiB in all) hold at most 4 such chunks at once; ask for at most that (e.g. -l select=4:ncpus=1), or split the work into several jobs",
            Feasibility.WhyNeverFits(new ResourceRequest(Chunks: 5), [Node("a"), Node("b")]));

    [Fact]
    public void WhyNeverFits_AsManyChunksAsTheClusterHolds_IsNull() =>
        Assert.Null(Feasibility.WhyNeverFits(new ResourceRequest(Chunks: 4), [Node("a"), Node("b")]));

    [Fact]
    public void WhyNeverFits_ChunksThatFitByCpusButNotByMemory_IsRefused() =>
        Assert.Contains("hold at most 2 such chunks",
            Feasibility.WhyNeverFits(new ResourceRequest(Chunks: 3, MemoryBytesPerChunk: 3L << 30), [Node("a", cpus: 4), Node("b", cpus: 4)]), StringComparison.Ordinal);

    [Fact]
    public void WhyNeverFits_TwoToTheThirtyChunks_IsRefusedWithoutOverflow() =>
        Assert.Contains("hold at most 5 such chunks",
            Feasibility.WhyNeverFits(new ResourceRequest(Chunks: 1 << 30, CpusPerChunk: 2), [Node("a", cpus: 2), Node("b", cpus: 8)]), StringComparison.Ordinal);

    [Fact]
    public void MostChunks_IsWhatThePlacerPlacesOnAnEmptyCluster_AndOneMoreIsNotPlaced() =>
        Gen.Select(
            Gen.Select(Gen.Int[1, 8], Gen.Long[1, 8]).Array[1, 4],
            Gen.Int[1, 4],
            Gen.Long[0, 4]).Sample((shape, cpus, memGb) =>
        {
            var nodes = shape.Select((n, i) => Node($"n{i}", cpus: n.Item1, memGb: n.Item2)).ToArray();
            var request = new ResourceRequest(CpusPerChunk: cpus, MemoryBytesPerChunk: memGb << 30);
            var most = (int)Feasibility.MostChunks(request, nodes);

            bool Places(int chunks) => chunks == 0 || TaskPlacer.Place(request with { Chunks = chunks }, new NodeLedger(nodes, UtilizationMode.Allocated), new Dictionary<string, int>()).Nodes is not null;

            return Places(most) && !Places(most + 1);
        });
}
