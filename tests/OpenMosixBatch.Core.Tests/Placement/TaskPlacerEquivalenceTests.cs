using CsCheck;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Tests.Placement;

/// <summary>The heap of candidate nodes chooses what the walk over every node per chunk chose.</summary>
public sealed class TaskPlacerEquivalenceTests
{
    [Fact]
    public void Place_AnyRequestAndNodes_ChoosesWhatAWalkOverEveryNodePerChunkChooses()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 12], Gen.Int[1, 40]).Sample((seed, nodeCount, chunks) =>
        {
            var r = new Random(seed);
            var nodes = RandomNodes(r, nodeCount);
            var request = new ResourceRequest(chunks, r.Next(1, 4), r.Next(3) * (256L << 20));
            var same = nodes.Where(_ => r.Next(3) == 0).ToDictionary(n => n.Name, _ => r.Next(1, 3));
            var mode = (UtilizationMode)r.Next(3);

            var (placed, reason) = TaskPlacer.Place(request, new NodeLedger(nodes, mode), same);
            var expected = WalkEveryNode(request, new NodeLedger(nodes, mode), same);

            Assert.Equal(expected, placed);
            Assert.Equal(expected is null, reason is not null);
        });
    }

    [Fact]
    public void Place_LeavesTheLedgerAsItWas()
    {
        var nodes = RandomNodes(new Random(7), 8);
        var ledger = new NodeLedger(nodes, UtilizationMode.Max);

        TaskPlacer.Place(new ResourceRequest(5, 1, 1L << 30), ledger, new Dictionary<string, int>());

        Assert.Equal(nodes.OrderBy(n => n.Name), ledger.Nodes.OrderBy(n => n.Name));
    }

    internal static List<NodeSnapshot> RandomNodes(Random r, int count) => [.. Enumerable.Range(1, count).Select(i =>
    {
        var cpus = r.Next(0, 9);
        var node = new NodeSnapshot($"n{i:D2}", cpus, r.Next(0, 9) * (512L << 20), 1.0, r.Next(cpus + 1), r.Next(3) * (256L << 20),
            State: r.Next(8) == 0 ? NodeState.Offline : NodeState.Free);
        return r.Next(4) == 0 ? node with { MeasuredCpuUtilization = r.NextDouble() } : node;
    })];

    /// <summary>The placement as it was first written: for each chunk, the least of every node that fits it.</summary>
    private static List<string>? WalkEveryNode(ResourceRequest request, NodeLedger ledger, Dictionary<string, int> same)
    {
        var chosen = new List<string>();
        for (var c = 0; c < request.Chunks; c++)
        {
            var best = ledger.Accepting
                .Where(n => n.FreeCpus >= request.CpusPerChunk && n.FreeMemoryBytes >= request.MemoryBytesPerChunk)
                .OrderBy(n => same.GetValueOrDefault(n.Name) + chosen.Count(x => x == n.Name))
                .ThenBy(n => ledger.CpuUtilizationWith(n, request.CpusPerChunk))
                .ThenBy(n => n.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best is null)
            {
                return null;
            }

            ledger.Allocate(best.Name, request.CpusPerChunk, request.MemoryBytesPerChunk);
            chosen.Add(best.Name);
        }

        return chosen;
    }
}
