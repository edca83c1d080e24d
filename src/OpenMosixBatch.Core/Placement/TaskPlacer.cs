using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// Chooses a node for each chunk of a task: a node that accepts work, has the properties asked for and the CPUs, memory
/// and GPUs free (memory is never pooled), preferring nodes with fewer tasks of the same job (arrays spread), then the
/// least loaded, then by name. A chunk the job pinned to a host goes there; <c>place=scatter</c> puts each chunk on a
/// node of its own, <c>place=pack</c> all of them on one, <c>place=excl</c> only on a node nobody else uses. Chunks
/// of several shapes go to <see cref="MixedChunkPlacer"/>.
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

        if (request.Mixed)
        {
            return MixedChunkPlacer.Place(request, ledger, sameJobTasks);
        }

        if (!HasRoomFor(request, ledger))
        {
            return (null, PlacementRefusal.NoRoom(request, ledger));
        }

        var chosen = new List<string>(request.Chunks);
        var chunksOn = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidates = Candidates(request, ledger, sameJobTasks, chunksOn);
        while (chosen.Count < request.Chunks)
        {
            var node = Next(request, ledger, candidates, chunksOn, chosen);
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
            var after = ledger[node.Name];
            if (request.Arrangement is PlacementArrangement.Free && ChunkFit.Free(after, request, chunksOn[node.Name]) >= 1)
            {
                candidates.Enqueue(after, new PlacementRank(sameJobTasks.GetValueOrDefault(node.Name) + chunksOn[node.Name],
                    ledger.CpuUtilizationWith(after, request.CpusPerChunk), after.Name));
            }
        }

        foreach (var n in chosen)
        {
            ledger.Release(n, request);
        }

        return (chosen, null);
    }

    /// <summary>
    /// The node for the next chunk. A host-pinned chunk goes to its host; under <c>pack</c> every chunk after the first
    /// follows it; otherwise the least of the candidates (a scattered chunk's node never goes back in).
    /// </summary>
    private static NodeSnapshot? Next(ResourceRequest request, NodeLedger ledger, PriorityQueue<NodeSnapshot, PlacementRank> candidates,
        Dictionary<string, int> chunksOn, List<string> chosen)
    {
        if (request.Hosts.Count > 0)
        {
            var host = request.Hosts[Math.Min(chosen.Count, request.Hosts.Count - 1)];
            return ledger.Accepting.FirstOrDefault(n => n.Name == host) is { } pinned && ChunkFit.Free(pinned, request, chunksOn.GetValueOrDefault(host)) >= 1
                ? pinned
                : null;
        }

        if (request.Arrangement is PlacementArrangement.Pack && chosen.Count > 0)
        {
            var first = ledger[chosen[0]];
            return ChunkFit.Free(first, request, chunksOn[first.Name]) >= 1 ? first : null;
        }

        return candidates.TryDequeue(out var node, out _) ? node : null;
    }

    /// <summary>
    /// The nodes that can take the first chunk, least first by the fewest tasks and chunks of the same job, then the
    /// lowest CPU utilisation once the chunk is there, then the name (names are unique, so the order is total). Placing
    /// a chunk changes only its own node's rank, so that node alone goes back in: a request of P chunks on N nodes costs
    /// N + P log N rather than the P × N of walking every node per chunk (a 256-chunk reservation search on 256 nodes,
    /// on every admission pass, was most of a trace simulation's time). Under <c>pack</c> only nodes that hold every chunk.
    /// </summary>
    private static PriorityQueue<NodeSnapshot, PlacementRank> Candidates(ResourceRequest request, NodeLedger ledger, IReadOnlyDictionary<string, int> sameJobTasks,
        Dictionary<string, int> chunksOn)
    {
        if (request.Hosts.Count > 0)
        {
            return new PriorityQueue<NodeSnapshot, PlacementRank>();
        }

        // Gathered first and heaped in one go (linear), rather than enqueued one by one (N log N): the ranks are all
        // distinct, so the order the chunks take the nodes in is the same.
        var needed = request.Arrangement is PlacementArrangement.Pack ? request.Chunks : 1;
        // A chunk of one CPU or more fits only where a CPU is free.
        var nodes = request.CpusPerChunk >= 1 ? ledger.AcceptingWithFreeCpus : ledger.Accepting;
        var fitting = new List<(NodeSnapshot, PlacementRank)>(request.CpusPerChunk >= 1 ? ledger.AcceptingWithFreeCpus.Count : ledger.Count);
        foreach (var n in nodes)
        {
            if (ChunkFit.Free(n, request, chunksOn.GetValueOrDefault(n.Name)) >= needed)
            {
                fitting.Add((n, new PlacementRank(sameJobTasks.GetValueOrDefault(n.Name), ledger.CpuUtilizationWith(n, request.CpusPerChunk), n.Name)));
            }
        }

        return new PriorityQueue<NodeSnapshot, PlacementRank>(fitting);
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

        if ((long)request.Chunks * request.CpusPerChunk > ledger.FreeAcceptingCpus)
        {
            return false;   // not enough CPUs free in all: known without a walk, as most refusals of a long pass are
        }

        long slots = 0;
        foreach (var n in ledger.AcceptingWithFreeCpus)   // a node without a CPU free holds no chunk of one CPU or more
        {
            slots += ChunkSlots.FitsOn(request, n);
            if (slots >= request.Chunks)
            {
                return true;
            }
        }

        return false;
    }
}
