using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Placement;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Placement;

/// <summary>Placing chunks of several shapes (<c>select=1:ncpus=4:mem=8gb+2:ncpus=1:mem=1gb</c>, issue 21).</summary>
public sealed class MixedChunkPlacerTests
{
    private static ResourceRequest Select(string select) => ResourceListParser.Apply(ResourceRequest.Default, [select]).Value!;

    private static (IReadOnlyList<string>? Nodes, string? Reason) Place(ResourceRequest r, params NodeSnapshot[] nodes) =>
        TaskPlacer.Place(r, new NodeLedger(nodes, UtilizationMode.Allocated), new Dictionary<string, int>());

    [Fact]
    public void Place_BigChunkGoesWhereItFits_SmallOnesOnTheRest_ListedInChunkOrder()
    {
        var (nodes, _) = Place(Select("select=2:ncpus=1:mem=1gb+1:ncpus=4:mem=8gb"), Node("a", cpus: 2, memGb: 4), Node("b", cpus: 4, memGb: 16));

        // The 4-CPU chunk (the third) can only go on b; b is then full, so both small chunks go on a.
        Assert.Equal(["a", "a", "b"], nodes);
    }

    [Fact]
    public void Place_WhereBothGreedyOrdersFail_TheSearchFindsTheArrangement()
    {
        // Largest first, a 3-CPU chunk takes the small node (best fit: nothing left); the large one then lacks the memory
        // of the second 2-CPU chunk. Only 3+3+2 on the large node and 2 on the small one fits (found by the property test).
        var (nodes, reason) = Place(Select("select=2:ncpus=3:mem=1gb+2:ncpus=2:mem=1536mb"),
            new NodeSnapshot("n1", 3, 2816L << 20), new NodeSnapshot("n3", 8, 3840L << 20));

        Assert.True(nodes is not null, reason);
        Assert.Equal(["n3", "n3"], nodes.Take(2));
        Assert.Equal(["n1", "n3"], nodes.Skip(2).Order());
    }

    [Fact]
    public void Place_LargestFirst_LeavesRoomASmallFirstChunkWouldHaveTaken()
    {
        // Were the 1-CPU chunk placed first it would take b (least loaded once there), and the 4-CPU chunk would find no node.
        var (nodes, _) = Place(Select("select=1:ncpus=1+1:ncpus=4"), Node("a", cpus: 1, allocCpus: 0), Node("b", cpus: 4));

        Assert.Equal(["a", "b"], nodes);
    }

    [Fact]
    public void Place_MemoryOnlyPooledAcrossNodes_IsRefused()
    {
        var (nodes, reason) = Place(Select("select=1:ncpus=1:mem=6gb+1:ncpus=1:mem=1gb"), Node("a", memGb: 4), Node("b", memGb: 4));

        Assert.Null(nodes);
        Assert.Equal("no node has 1 CPUs and 6 GiB free; largest free: a with 2 CPUs and 4 GiB", reason);
    }

    [Fact]
    public void Place_KindsThatFitAloneButNotTogether_SaySo()
    {
        // Each fits alone; together the 2-CPU chunk fills a node and the two of 3 GiB need a node each.
        var (nodes, reason) = Place(Select("select=1:ncpus=2:mem=1gb+2:ncpus=1:mem=3gb"), Node("a"), Node("b"));

        Assert.Null(nodes);
        Assert.Equal("no room for all 3 chunks (1:ncpus=2+2:ncpus=1) at once: a chunk of 1 CPUs and 3 GiB finds no node left after the others; largest free: a with 2 CPUs and 4 GiB", reason);
    }

    [Fact]
    public void Place_MoreCpusThanAreFree_SaysSoWithoutAWalk()
    {
        var (nodes, reason) = Place(Select("select=1:ncpus=2+1:ncpus=1"), Node("a"), Node("b", allocCpus: 2));

        Assert.Null(nodes);
        Assert.Equal("no room for all 2 chunks (1:ncpus=2+1:ncpus=1) at once: they ask for 3 CPUs and the nodes that are up have 2 free; largest free: a with 2 CPUs and 4 GiB", reason);
    }

    [Fact]
    public void Place_WhenSpreadingLeavesNoRoom_TriesTheTightestFit()
    {
        // Spread, the 3 GiB chunk takes a (by name) and the second 2 GiB chunk finds no room; best fit puts it on b.
        var (nodes, _) = Place(Select("select=1:ncpus=1:mem=3gb+2:ncpus=1:mem=2gb"), Node("a", memGb: 4), Node("b", memGb: 3));

        Assert.Equal(["b", "a", "a"], nodes);
    }

    [Fact]
    public void Place_Scatter_PutsEveryChunkOnANodeOfItsOwn()
    {
        var r = Select("select=1:ncpus=2+2:ncpus=1") with { Arrangement = PlacementArrangement.Scatter };

        var (nodes, _) = Place(r, Node("a", cpus: 4), Node("b", cpus: 4), Node("c", cpus: 4));

        Assert.Equal(3, nodes!.Distinct().Count());
        Assert.Null(Place(r, Node("a", cpus: 4), Node("b", cpus: 4)).Nodes);
    }

    [Fact]
    public void Pack_AllChunksOnTheOneNodeThatHoldsTheirSum()
    {
        var r = Select("select=1:ncpus=2+2:ncpus=1") with { Arrangement = PlacementArrangement.Pack };

        var (nodes, _) = Place(r, Node("a", cpus: 3), Node("b", cpus: 4, allocCpus: 0), Node("c", cpus: 8, allocCpus: 2));

        Assert.Equal(["c", "c", "c"], nodes);   // c is the least loaded once they are there (6 of 8 against 4 of 4)
        Assert.Null(Place(r, Node("a", cpus: 3), Node("b", cpus: 3)).Nodes);
    }

    [Fact]
    public void Exclusive_TakesOnlyUnusedNodes_AndMayShareThemWithItsOwnChunks()
    {
        var r = Select("select=1:ncpus=2+2:ncpus=1") with { Sharing = PlacementSharing.Exclusive };

        var (nodes, _) = Place(r, Node("a", cpus: 8, allocCpus: 1), Node("b", cpus: 4));

        Assert.Equal(["b", "b", "b"], nodes);
    }

    [Fact]
    public void Exclusive_NeverBesideAnotherJobsExclusiveChunk()
    {
        var r = Select("select=1:ncpus=1+1:ncpus=2");

        var (nodes, _) = Place(r, Node("a", cpus: 8) with { ExclusiveChunks = 1 }, Node("b", cpus: 4));

        Assert.Equal(["b", "b"], nodes);
    }

    [Fact]
    public void HostPinnedKind_GoesToItsHost_TheOthersAnywhere()
    {
        var (nodes, _) = Place(Select("select=1:host=b:ncpus=1+1:ncpus=2"), Node("a"), Node("b", cpus: 4));

        Assert.Equal("b", nodes![0]);
        Assert.Equal(2, nodes.Count);
    }

    [Fact]
    public void KindProperties_SteerOnlyTheirOwnChunks()
    {
        var (nodes, _) = Place(Select("select=1:ncpus=1:bigmem=true+1:ncpus=1:bigmem=false"),
            Node("a") with { Properties = ["bigmem"] }, Node("b"));

        Assert.Equal(["a", "b"], nodes);
    }

    [Fact]
    public void GpuKind_GoesToTheGpuNode()
    {
        var (nodes, _) = Place(Select("select=2:ncpus=1+1:ncpus=1:ngpus=1"), Node("a", cpus: 4), Node("b", allocCpus: 1) with { Gpus = 1 });

        Assert.Equal("b", nodes![2]);
        Assert.Equal(["a", "a"], nodes.Take(2));
    }

    [Fact]
    public void Place_LeavesTheLedgerAsItWas()
    {
        NodeSnapshot[] nodes = [Node("a", cpus: 4), Node("b", cpus: 4, allocCpus: 1)];
        var ledger = new NodeLedger(nodes, UtilizationMode.Allocated);

        TaskPlacer.Place(Select("select=1:ncpus=3+2:ncpus=1"), ledger, new Dictionary<string, int>());
        TaskPlacer.Place(Select("select=1:ncpus=4+4:ncpus=4"), ledger, new Dictionary<string, int>());

        Assert.Equal(nodes, ledger.Nodes.OrderBy(n => n.Name));
    }

    [Fact]
    public void AllocateChunks_ChargesEachChunkItsOwnKind()
    {
        var ledger = new NodeLedger([Node("a", cpus: 8, memGb: 16), Node("b", cpus: 8, memGb: 16)], UtilizationMode.Allocated);
        var r = Select("select=1:ncpus=4:mem=8gb+2:ncpus=1:mem=1gb");

        ledger.AllocateChunks(["a", "b", "a"], r);

        Assert.Equal((5, 9L << 30), (ledger["a"].AllocatedCpus, ledger["a"].AllocatedMemoryBytes));
        Assert.Equal((1, 1L << 30), (ledger["b"].AllocatedCpus, ledger["b"].AllocatedMemoryBytes));
        ledger.ReleaseChunks(["a", "b", "a"], r);
        Assert.All(ledger.Nodes, n => Assert.Equal((0, 0L), (n.AllocatedCpus, n.AllocatedMemoryBytes)));
    }
}
