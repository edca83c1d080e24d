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

        var chosen = new List<string>();
        var chunksOn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < request.Chunks; c++)
        {
            var node = Best(request, ledger, sameJobTasks, chunksOn);
            if (node is null)
            {
                foreach (var n in chosen)
                {
                    ledger.Release(n, request.CpusPerChunk, request.MemoryBytesPerChunk);
                }

                return (null, NoRoom(request, ledger));
            }

            ledger.Allocate(node.Name, request.CpusPerChunk, request.MemoryBytesPerChunk);
            chosen.Add(node.Name);
            chunksOn[node.Name] = chunksOn.GetValueOrDefault(node.Name) + 1;
        }

        foreach (var n in chosen)
        {
            ledger.Release(n, request.CpusPerChunk, request.MemoryBytesPerChunk);
        }

        return (chosen, null);
    }

    /// <summary>
    /// The node for the next chunk: among those with its CPUs and memory free, the fewest tasks and chunks of the same
    /// job, then the lowest CPU utilisation once it is there, then the name. One walk that keeps the least (node names
    /// are unique, so the order is total): a 256-chunk request on 256 nodes sorted the nodes 256 times.
    /// </summary>
    private static NodeSnapshot? Best(ResourceRequest request, NodeLedger ledger, IReadOnlyDictionary<string, int> sameJobTasks, Dictionary<string, int> chunksOn)
    {
        NodeSnapshot? best = null;
        var (bestSame, bestLoad) = (0, 0.0);
        foreach (var n in ledger.Accepting)
        {
            if (n.FreeCpus < request.CpusPerChunk || n.FreeMemoryBytes < request.MemoryBytesPerChunk)
            {
                continue;
            }

            var same = sameJobTasks.GetValueOrDefault(n.Name) + chunksOn.GetValueOrDefault(n.Name);
            if (best is not null && same > bestSame)
            {
                continue;
            }

            var load = ledger.CpuUtilizationWith(n, request.CpusPerChunk);
            if (best is null || same < bestSame || load < bestLoad || (load.Equals(bestLoad) && string.CompareOrdinal(n.Name, best.Name) < 0))
            {
                (best, bestSame, bestLoad) = (n, same, load);
            }
        }

        return best;
    }

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

        long slots = 0;
        foreach (var n in ledger.Accepting)
        {
            long fits = n.FreeCpus / request.CpusPerChunk;
            if (request.MemoryBytesPerChunk > 0)
            {
                fits = Math.Min(fits, n.FreeMemoryBytes / request.MemoryBytesPerChunk);
            }

            slots += fits;
            if (slots >= request.Chunks)
            {
                return true;
            }
        }

        return false;
    }

    private static string NoRoom(ResourceRequest request, NodeLedger ledger)
    {
        var largest = ledger.Accepting.OrderByDescending(n => n.FreeCpus).ThenByDescending(n => n.FreeMemoryBytes).ThenBy(n => n.Name, StringComparer.Ordinal).First();
        var memory = request.MemoryBytesPerChunk > 0 ? " and " + SizeParser.Human(request.MemoryBytesPerChunk) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"no node has {request.CpusPerChunk} CPUs{memory} free; largest free: {largest.Name} with {largest.FreeCpus} CPUs and {SizeParser.Human(largest.FreeMemoryBytes)}");
    }
}
