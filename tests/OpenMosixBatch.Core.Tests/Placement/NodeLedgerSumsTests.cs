using CsCheck;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Tests.Placement;

/// <summary>
/// The ledger's cluster figures, kept as allocations change, against the walk over every node they replaced: the same
/// utilisation (to rounding: a sum of allocations over a sum of capacities rather than a weighted mean of shares), the
/// same free CPUs, and the same figures once one more CPU is allocated.
/// </summary>
public sealed class NodeLedgerSumsTests
{
    [Fact]
    public void ClusterFigures_AfterAnyAllocationsAndReleases_EqualTheWalkOverEveryNode()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 12], Gen.Int[0, 2]).Sample((seed, nodeCount, mode) =>
        {
            var r = new Random(seed);
            var nodes = RandomNodes(r, nodeCount);
            var ledger = new NodeLedger(nodes, (UtilizationMode)mode);
            for (var step = 0; step < 12; step++)
            {
                var n = nodes[r.Next(nodes.Count)].Name;
                var request = new ResourceRequest(1, r.Next(0, 3), r.Next(3) * (256L << 20)) { GpusPerChunk = r.Next(2) };
                switch (r.Next(5))
                {
                    case 0: ledger.Allocate(n, request); break;
                    case 1: ledger.Release(n, request); break;
                    case 2: ledger.ReleaseEnded(n, request); break;
                    case 3: ledger.Allocate(n, r.Next(-2, 3), r.Next(-1, 2) * (128L << 20)); break;
                    default: ledger = ledger.Copy(); break;
                }

                AssertAsWalked(ledger);
            }
        });
    }

    [Fact]
    public void ClusterFigures_OfANodeWithoutCapacity_CountItAsFullWithNoWeight()
    {
        var ledger = new NodeLedger([new NodeSnapshot("a", 0, 0, AllocatedCpus: 3, AllocatedMemoryBytes: 5), new NodeSnapshot("b", 4, 8, AllocatedCpus: 1, AllocatedMemoryBytes: 2)],
            UtilizationMode.Allocated);

        Assert.Equal(0.25, ledger.ClusterCpu());
        Assert.Equal(0.25, ledger.ClusterMemory());
        Assert.Equal((0.5, 0.25), ledger.ClusterWithOneMoreCpu());
        AssertAsWalked(ledger);
    }

    private static void AssertAsWalked(NodeLedger ledger)
    {
        var accepting = ledger.Nodes.Where(n => n.AcceptsWork).ToList();
        Assert.Equal(accepting.Sum(n => (long)n.FreeCpus), ledger.FreeAcceptingCpus);
        Assert.Equal(accepting.Where(n => n.FreeCpus > 0).OrderBy(n => n.Name, StringComparer.Ordinal),
            ledger.AcceptingWithFreeCpus.OrderBy(n => n.Name, StringComparer.Ordinal));
        Assert.Equal(accepting.OrderByDescending(n => n.FreeCpus).ThenByDescending(n => n.FreeMemoryBytes).ThenBy(n => n.Name, StringComparer.Ordinal)
            .FirstOrDefault(), ledger.LargestFree);
        Assert.Equal((ledger.Mode == UtilizationMode.Allocated || accepting.All(n => n.MeasuredCpuUtilization is null && n.MeasuredMemoryUtilization is null))
            && accepting.All(n => n.Cpus >= 0 && n.MemoryBytes >= 0 && n.AllocatedCpus >= 0 && n.AllocatedMemoryBytes >= 0),
            ledger.CountsAllocationOnly);
        Assert.Equal(WalkedCpu(ledger), ledger.ClusterCpu(), 1e-12);
        Assert.Equal(WalkedMemory(ledger), ledger.ClusterMemory(), 1e-12);

        var (cpu, memory) = ledger.ClusterWithOneMoreCpu();
        var free = accepting.FirstOrDefault(n => n.FreeCpus > 0);
        var probe = ledger.Copy();
        if (free is not null)
        {
            probe.Allocate(free.Name, 1, 0);
        }

        Assert.Equal(WalkedCpu(probe), cpu, 1e-12);
        Assert.Equal(WalkedMemory(probe), memory, 1e-12);
    }

    private static double WalkedCpu(NodeLedger ledger)
    {
        var accepting = ledger.Nodes.Where(n => n.AcceptsWork).ToList();
        var total = accepting.Sum(n => (double)n.Cpus);
        return total == 0 ? 1 : accepting.Sum(n => ledger.CpuUtilization(n) * n.Cpus) / total;
    }

    private static double WalkedMemory(NodeLedger ledger)
    {
        var accepting = ledger.Nodes.Where(n => n.AcceptsWork).ToList();
        var total = accepting.Sum(n => (double)n.MemoryBytes);
        return total == 0 ? 1 : accepting.Sum(n => ledger.MemoryUtilization(n) * n.MemoryBytes) / total;
    }

    /// <summary>Nodes of any capacity (none too), some offline, some with a measured load, some oversubscribed.</summary>
    private static List<NodeSnapshot> RandomNodes(Random r, int count) => [.. Enumerable.Range(1, count).Select(i =>
    {
        var cpus = r.Next(0, 9);
        var node = new NodeSnapshot($"n{i:D2}", cpus, r.Next(0, 9) * (512L << 20), 1.0, r.Next(cpus + 2), r.Next(4) * (256L << 20),
            State: r.Next(8) == 0 ? NodeState.Offline : NodeState.Free)
        { Gpus = r.Next(3) };
        return r.Next(4) switch
        {
            0 => node with { MeasuredCpuUtilization = r.NextDouble() },
            1 when r.Next(2) == 0 => node with { MeasuredMemoryUtilization = r.NextDouble() },
            _ => node,
        };
    })];
}
