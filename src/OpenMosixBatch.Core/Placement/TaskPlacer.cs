using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// Chooses a node for each chunk of a task: a node that accepts work, has the properties asked for and the CPUs, memory
/// and GPUs free (memory is never pooled), preferring nodes with fewer tasks of the same job (arrays spread), then the
/// least loaded, then by name. A chunk the job pinned to a host goes there; <c>place=scatter</c> puts each chunk on a
/// node of its own, <c>place=pack</c> all of them on one, <c>place=excl</c> only on a node nobody else uses.
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
            return (null, PlacementRefusal.NoRoom(request, ledger));
        }

        var chosen = new List<string>();
        var chunksOn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < request.Chunks; c++)
        {
            var node = Best(request, c, ledger, sameJobTasks, chunksOn, chosen);
            if (node is null)
            {
                foreach (var n in chosen)
                {
                    ledger.Release(n, request);
                }

                return (null, PlacementRefusal.NoRoom(request, ledger));
            }

            ledger.Allocate(node.Name, request);
            chosen.Add(node.Name);
            chunksOn[node.Name] = chunksOn.GetValueOrDefault(node.Name) + 1;
        }

        foreach (var n in chosen)
        {
            ledger.Release(n, request);
        }

        return (chosen, null);
    }

    /// <summary>
    /// The node for chunk <paramref name="chunk"/>: among those that can take it, the fewest tasks and chunks of the
    /// same job, then the lowest CPU utilisation once it is there, then the name. One walk that keeps the least (node
    /// names are unique, so the order is total): a 256-chunk request on 256 nodes sorted the nodes 256 times.
    /// </summary>
    private static NodeSnapshot? Best(ResourceRequest request, int chunk, NodeLedger ledger, IReadOnlyDictionary<string, int> sameJobTasks,
        Dictionary<string, int> chunksOn, List<string> chosen)
    {
        NodeSnapshot? best = null;
        var (bestSame, bestLoad) = (0, 0.0);
        foreach (var n in ledger.Accepting)
        {
            if (!MayTake(request, chunk, n, chunksOn, chosen))
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

    private static bool MayTake(ResourceRequest request, int chunk, NodeSnapshot n, Dictionary<string, int> chunksOn, List<string> chosen)
    {
        if (request.Hosts.Count > 0 && !string.Equals(request.Hosts[Math.Min(chunk, request.Hosts.Count - 1)], n.Name, StringComparison.Ordinal))
        {
            return false;
        }

        var free = ChunkFit.Free(n, request, chunksOn.GetValueOrDefault(n.Name));
        return request.Arrangement switch
        {
            PlacementArrangement.Scatter or PlacementArrangement.VScatter => free >= 1 && !chunksOn.ContainsKey(n.Name),
            // Pack: the first chunk goes where all of them fit (counted before any is placed), the rest follow it.
            PlacementArrangement.Pack => chosen.Count == 0 ? free >= request.Chunks : free >= 1 && n.Name == chosen[0],
            _ => free >= 1,
        };
    }

    /// <summary>
    /// Whether the free resources could hold every chunk at all (a chunk fits whole on one node). Checked first
    /// because it is a necessary condition, found in one walk over the nodes: a request that cannot fit — the head of a
    /// full cluster's queue, on every pass, and every step of a reservation search — then costs no sort per chunk.
    /// </summary>
    private static bool HasRoomFor(ResourceRequest request, NodeLedger ledger)
    {
        if (request.CpusPerChunk < 1 || request.Hosts.Count > 0)
        {
            return true;
        }

        long slots = 0;
        foreach (var n in ledger.Accepting)
        {
            var fits = ChunkFit.Free(n, request);
            slots += request.Arrangement switch
            {
                PlacementArrangement.Scatter or PlacementArrangement.VScatter => Math.Min(fits, 1),
                PlacementArrangement.Pack => fits >= request.Chunks ? fits : 0,
                _ => fits,
            };
            if (slots >= request.Chunks)
            {
                return true;
            }
        }

        return false;
    }
}
