using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// Chooses a node for each chunk of a task: a node that accepts work and has the CPUs and the memory free (memory is
/// never pooled), preferring nodes with fewer tasks of the same job (arrays spread), then the least loaded, then by name.
/// </summary>
public static class TaskPlacer
{
    /// <summary>The node per chunk, or null with the reason no node could take a chunk.</summary>
    public static (IReadOnlyList<string>? Nodes, string? Reason) Place(ResourceRequest request, NodeLedger ledger, IReadOnlyDictionary<string, int> sameJobTasks)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(sameJobTasks);
        if (!ledger.Accepting.Any())
        {
            return (null, "no execution node is up (all are offline or down)");
        }

        if (!HasRoomFor(request, ledger))
        {
            return (null, NoRoom(request, ledger));
        }

        var chosen = new List<string>(request.Chunks);
        var candidates = Candidates(request, ledger, sameJobTasks);
        while (chosen.Count < request.Chunks)
        {
            if (!candidates.TryDequeue(out var node, out var rank))
            {
                foreach (var n in chosen)
                {
                    ledger.Release(n, request.CpusPerChunk, request.MemoryBytesPerChunk);
                }

                return (null, NoRoom(request, ledger));
            }

            ledger.Allocate(node.Name, request.CpusPerChunk, request.MemoryBytesPerChunk);
            chosen.Add(node.Name);
            var after = ledger[node.Name];
            if (Fits(request, after))
            {
                candidates.Enqueue(after, new PlacementRank(rank.SameJob + 1, ledger.CpuUtilizationWith(after, request.CpusPerChunk), after.Name));
            }
        }

        foreach (var n in chosen)
        {
            ledger.Release(n, request.CpusPerChunk, request.MemoryBytesPerChunk);
        }

        return (chosen, null);
    }

    /// <summary>
    /// The nodes with a chunk's CPUs and memory free, least first by the fewest tasks and chunks of the same job, then
    /// the lowest CPU utilisation once the chunk is there, then the name (names are unique, so the order is total).
    /// Placing a chunk changes only its own node's rank, so that node alone goes back in: a request of P chunks on N
    /// nodes costs N + P log N rather than the P × N of walking every node per chunk (a 256-chunk reservation search on
    /// 256 nodes, on every admission pass, was most of a trace simulation's time).
    /// </summary>
    private static PriorityQueue<NodeSnapshot, PlacementRank> Candidates(ResourceRequest request, NodeLedger ledger, IReadOnlyDictionary<string, int> sameJobTasks)
    {
        var fitting = new List<(NodeSnapshot, PlacementRank)>(ledger.Count);
        foreach (var n in ledger.Accepting)
        {
            if (Fits(request, n))
            {
                fitting.Add((n, new PlacementRank(sameJobTasks.GetValueOrDefault(n.Name), ledger.CpuUtilizationWith(n, request.CpusPerChunk), n.Name)));
            }
        }

        var queue = new PriorityQueue<NodeSnapshot, PlacementRank>(fitting.Count);
        queue.EnqueueRange(fitting);
        return queue;
    }

    private static bool Fits(ResourceRequest request, NodeSnapshot n) =>
        n.FreeCpus >= request.CpusPerChunk && n.FreeMemoryBytes >= request.MemoryBytesPerChunk;

    /// <summary>
    /// Whether the free CPUs and memory could hold every chunk at all (a chunk fits whole on one node). Checked first
    /// because it is a necessary condition, found in one walk over the nodes: a request that cannot fit — the head of a
    /// full cluster's queue, on every pass, and every step of a reservation search — then costs no sort per chunk.
    /// </summary>
    private static bool HasRoomFor(ResourceRequest request, NodeLedger ledger)
    {
        if (request.CpusPerChunk < 1)
        {
            return true;
        }

        if ((long)request.Chunks * request.CpusPerChunk > ledger.FreeAcceptingCpus)
        {
            return false;   // not enough CPUs free in all: known without a walk, as most refusals of a long pass are
        }

        long slots = 0;
        foreach (var n in ledger.Accepting)
        {
            slots += ChunkSlots.FitsOn(request, n);
            if (slots >= request.Chunks)
            {
                return true;
            }
        }

        return false;
    }

    private static string NoRoom(ResourceRequest request, NodeLedger ledger)
    {
        var largest = ledger.LargestFree!;   // Place returned earlier when no node accepts work
        var memory = request.MemoryBytesPerChunk > 0 ? " and " + SizeParser.Human(request.MemoryBytesPerChunk) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"no node has {request.CpusPerChunk} CPUs{memory} free; largest free: {largest.Name} with {largest.FreeCpus} CPUs and {SizeParser.Human(largest.FreeMemoryBytes)}");
    }
}
