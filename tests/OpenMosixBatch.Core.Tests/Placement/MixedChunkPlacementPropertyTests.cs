using CsCheck;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Tests.Placement;

/// <summary>Properties of placing chunks of several shapes over random clusters and requests (issue 21).</summary>
public sealed class MixedChunkPlacementPropertyTests
{
    [Fact]
    public void Place_NeverPutsAChunkWhereItCannotFit_NorPoolsMemory_AndLeavesTheLedger()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 8], Gen.Int[2, 4]).Sample((seed, nodeCount, kinds) =>
        {
            var r = new Random(seed);
            var nodes = RandomNodes(r, nodeCount);
            var request = RandomRequest(r, kinds, nodes);
            var ledger = new NodeLedger(nodes, (UtilizationMode)r.Next(3));

            var (placed, reason) = TaskPlacer.Place(request, ledger, new Dictionary<string, int>());

            Assert.Equal(nodes.OrderBy(n => n.Name), ledger.Nodes.OrderBy(n => n.Name));
            Assert.Equal(placed is null, reason is not null);
            if (placed is not null)
            {
                AssertFits(request, nodes, placed);
            }
        });
    }

    [Fact]
    public void Place_OnEmptyNodesThatEachHoldTheWholeRequest_AlwaysSucceeds()
    {
        Gen.Select(Gen.Int, Gen.Int[2, 4]).Sample((seed, kinds) =>
        {
            var r = new Random(seed);
            var request = RandomRequest(r, kinds, []) with { Properties = [], ExcludedProperties = [], Hosts = [] };
            request = request with { MoreChunks = [.. request.MoreChunks.Select(k => k with { Properties = [], ExcludedProperties = [], Host = null })] };
            var big = Enumerable.Range(1, request.TotalChunks).Select(i => new NodeSnapshot($"n{i}", (int)request.TotalCpus, request.TotalMemoryBytes)
                { Gpus = (int)request.TotalGpus }).ToList();

            var (placed, reason) = TaskPlacer.Place(request, new NodeLedger(big, UtilizationMode.Allocated), new Dictionary<string, int>());

            Assert.True(placed is not null, reason);
            AssertFits(request, big, placed!);
        });
    }

    [Fact]
    public void Place_WhenAnExhaustiveSearchFindsAPlacement_FindsOneToo()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 4], Gen.Int[2, 3]).Sample((seed, nodeCount, kinds) =>
        {
            var r = new Random(seed);
            var nodes = Enumerable.Range(1, nodeCount).Select(i =>
            {
                var cpus = r.Next(1, 9);
                return new NodeSnapshot($"n{i}", cpus, r.Next(1, 9) * (512L << 20), 1.0, r.Next(cpus), r.Next(2) * (256L << 20));
            }).ToList();
            var all = Enumerable.Range(0, kinds).Select(_ => new ChunkKind(r.Next(1, 3), r.Next(1, 5), r.Next(4) * (512L << 20))).ToList();
            var request = new ResourceRequest(all[0].Count, all[0].Cpus, all[0].MemoryBytes) { MoreChunks = [.. all.Skip(1)] };

            var (placed, reason) = TaskPlacer.Place(request, new NodeLedger(nodes, UtilizationMode.Allocated), new Dictionary<string, int>());

            if (ExhaustivePlacement(request, nodes) is { } exists)
            {
                var free = string.Join(' ', nodes.Select(n => $"{n.Name}:{n.FreeCpus}cpus/{n.FreeMemoryBytes >> 20}mb"));
                var kindsText = string.Join('+', request.ChunkKinds().Select(k => $"{k.Chunks}:ncpus={k.CpusPerChunk}:mem={k.MemoryBytesPerChunk >> 20}mb"));
                Assert.True(placed is not null, $"{reason}; {kindsText} on {free} fits as {string.Join(',', exists)}");
                AssertFits(request, nodes, placed!);
            }
        });
    }

    /// <summary>Some placement of every chunk (by trying every node for each in turn), or null when none exists.</summary>
    private static string[]? ExhaustivePlacement(ResourceRequest request, List<NodeSnapshot> nodes)
    {
        var free = nodes.Select(n => (Cpus: (long)n.FreeCpus, Memory: n.FreeMemoryBytes)).ToArray();
        var chosen = new string[request.TotalChunks];
        bool Search(int i)
        {
            if (i == chosen.Length)
            {
                return true;
            }

            var kind = request.ChunkAt(i);
            for (var n = 0; n < nodes.Count; n++)
            {
                if (free[n].Cpus >= kind.CpusPerChunk && free[n].Memory >= kind.MemoryBytesPerChunk)
                {
                    free[n] = (free[n].Cpus - kind.CpusPerChunk, free[n].Memory - kind.MemoryBytesPerChunk);
                    chosen[i] = nodes[n].Name;
                    if (Search(i + 1))
                    {
                        return true;
                    }

                    free[n] = (free[n].Cpus + kind.CpusPerChunk, free[n].Memory + kind.MemoryBytesPerChunk);
                }
            }

            return false;
        }

        return Search(0) ? chosen : null;
    }

    /// <summary>Every chunk on a node that accepts work, suits its kind and names its host; per node, the chunks' sums within what was free.</summary>
    private static void AssertFits(ResourceRequest request, List<NodeSnapshot> nodes, IReadOnlyList<string> placed)
    {
        Assert.Equal(request.TotalChunks, placed.Count);
        var byName = nodes.ToDictionary(n => n.Name);
        for (var i = 0; i < placed.Count; i++)
        {
            var node = byName[placed[i]];
            var kind = request.ChunkAt(i);
            Assert.True(node.AcceptsWork);
            Assert.True(ChunkFit.Suits(node, kind));
            Assert.True(kind.Hosts.Count == 0 || kind.Hosts[0] == node.Name);
            Assert.True(node.ExclusiveChunks == 0);
            Assert.True(!request.Exclusive || (node.AllocatedCpus == 0 && node.AllocatedMemoryBytes == 0 && node.AllocatedGpus == 0));
        }

        foreach (var group in Enumerable.Range(0, placed.Count).GroupBy(i => placed[i]))
        {
            var node = byName[group.Key];
            Assert.True(group.Sum(i => (long)request.ChunkAt(i).CpusPerChunk) <= node.FreeCpus);
            Assert.True(group.Sum(i => request.ChunkAt(i).MemoryBytesPerChunk) <= node.FreeMemoryBytes);
            Assert.True(group.Sum(i => request.ChunkAt(i).GpusPerChunk) <= node.FreeGpus);
        }

        if (request.Arrangement is PlacementArrangement.Scatter or PlacementArrangement.VScatter)
        {
            Assert.Equal(placed.Count, placed.Distinct().Count());
        }

        if (request.Arrangement == PlacementArrangement.Pack)
        {
            Assert.Single(placed.Distinct());
        }
    }

    private static List<NodeSnapshot> RandomNodes(Random r, int count) => [.. Enumerable.Range(1, count).Select(i =>
    {
        var cpus = r.Next(0, 9);
        var gpus = r.Next(3) == 0 ? r.Next(1, 3) : 0;
        return new NodeSnapshot($"n{i}", cpus, r.Next(0, 9) * (512L << 20), 1.0, r.Next(cpus + 1), r.Next(3) * (256L << 20),
            State: r.Next(8) == 0 ? NodeState.Offline : NodeState.Free)
        {
            Gpus = gpus,
            AllocatedGpus = r.Next(gpus + 1),
            Properties = r.Next(2) == 0 ? ["p"] : [],
            ExclusiveChunks = r.Next(10) == 0 ? 1 : 0,
        };
    })];

    /// <summary>A request of <paramref name="kinds"/> kinds of 1–3 chunks each, some with GPUs, a property either way or a host.</summary>
    private static ResourceRequest RandomRequest(Random r, int kinds, List<NodeSnapshot> nodes)
    {
        var all = Enumerable.Range(0, kinds).Select(_ => new ChunkKind(r.Next(1, 4), r.Next(1, 5), r.Next(4) * (512L << 20))
        {
            Gpus = r.Next(4) == 0 ? 1 : 0,
            Properties = r.Next(4) == 0 ? ["p"] : [],
            ExcludedProperties = r.Next(6) == 0 ? ["p"] : [],
            Host = nodes.Count > 0 && r.Next(5) == 0 ? nodes[r.Next(nodes.Count)].Name : null,
        }).ToList();
        var first = all[0];
        return new ResourceRequest(first.Count, first.Cpus, first.MemoryBytes)
        {
            GpusPerChunk = first.Gpus,
            Properties = first.Properties,
            ExcludedProperties = first.ExcludedProperties.Except(first.Properties).ToList(),
            Hosts = first.Host is { } h ? [.. Enumerable.Repeat(h, first.Count)] : [],
            MoreChunks = [.. all.Skip(1).Select(k => k with { ExcludedProperties = [.. k.ExcludedProperties.Except(k.Properties)] })],
            Arrangement = (PlacementArrangement)r.Next(4),
            Sharing = r.Next(4) == 0 ? PlacementSharing.Exclusive : PlacementSharing.Default,
        };
    }
}
