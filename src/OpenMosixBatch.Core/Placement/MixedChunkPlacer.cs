using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// Places a task whose chunks are of several shapes (PBS Pro <c>select=1:ncpus=4:mem=8gb+2:ncpus=1:mem=1gb</c>): each
/// chunk goes whole on one node that has its kind's properties and its CPUs, memory and GPUs free (memory is never
/// pooled), by the same order as chunks of one shape (fewest tasks and chunks of the job, then least loaded once there,
/// then name). The chunks are placed host-pinned first, then the largest first (GPUs, CPUs, memory), so that small
/// chunks do not take the only room a large one has, and when that leaves no room, once more each where it fits
/// tightest (best fit), and when that fails too by a bounded search; the answer lists the nodes in chunk order, the first chunk's
/// node being where the script runs. <c>place=scatter</c> puts every chunk on a node of its own, <c>place=pack</c>
/// all of them on one node that holds them together, <c>excl</c> only on nodes no other job uses.
/// </summary>
/// <remarks>
/// Each chunk walks the nodes (chunks × nodes): requests of several shapes are few and small, and the placer for one
/// shape keeps its heap. Like PBS Pro's own chunk-by-chunk placement it is greedy first; the search that follows a
/// greedy miss is bounded (<see cref="SearchBudget"/> node checks), so a large request may still miss an arrangement.
/// </remarks>
internal static class MixedChunkPlacer
{
    /// <summary>Node checks the last try may make before it gives up (a few milliseconds at most).</summary>
    private const int SearchBudget = 20_000;

    public static (IReadOnlyList<string>? Nodes, string? Reason) Place(ResourceRequest request, NodeLedger ledger, IReadOnlyDictionary<string, int> sameJobTasks)
    {
        var spread = Place(request, ledger, sameJobTasks, tightest: false);
        if (spread.Nodes is not null || request.Arrangement == PlacementArrangement.Pack || request.TotalCpus > ledger.FreeAcceptingCpus)
        {
            return spread;
        }

        if (Place(request, ledger, sameJobTasks, tightest: true) is { Nodes: not null } packed)
        {
            return packed;
        }

        return Search(request, ledger) is { } found ? (found, null) : spread;
    }

    /// <summary>
    /// The last try when both greedy orders left a chunk without a node: a depth-first search over the nodes for each
    /// chunk, largest first, within <see cref="SearchBudget"/> node checks. Both greedy passes miss arrangements such as
    /// two chunks of 3 CPUs and 1 GiB and two of 2 CPUs and 1.5 GiB on nodes with 3 CPUs and 2.75 GiB and 8 CPUs and
    /// 3.75 GiB free: spreading and best fit each put a 3-CPU chunk on the small node, and the large one then runs out
    /// of memory for the second 2-CPU chunk, which only the small node could have taken.
    /// </summary>
    private static string[]? Search(ResourceRequest request, NodeLedger ledger)
    {
        var kindOf = KindOf(request);
        var empty = EmptyNodes(request, ledger);
        var order = LargestFirst(kindOf);
        var names = ledger.Accepting.Select(n => n.Name).ToList();
        var nodes = new string[kindOf.Length];
        var chunksOn = new Dictionary<string, int>(StringComparer.Ordinal);
        var scatter = request.Arrangement is PlacementArrangement.Scatter or PlacementArrangement.VScatter;
        var budget = SearchBudget;
        bool Step(int k)
        {
            if (k == order.Count)
            {
                return true;
            }

            var i = order[k];
            var kind = kindOf[i];
            foreach (var name in names)
            {
                if (--budget < 0)
                {
                    return false;
                }

                if (scatter && chunksOn.ContainsKey(name) || kind.Hosts.Count > 0 && kind.Hosts[0] != name || !Fits(ledger[name], kind, request, chunksOn, empty))
                {
                    continue;
                }

                ledger.Allocate(name, kind);
                nodes[i] = name;
                chunksOn[name] = chunksOn.GetValueOrDefault(name) + 1;
                if (Step(k + 1))
                {
                    return true;
                }

                ledger.Release(name, kind);
                nodes[i] = null!;
                chunksOn[name]--;
                if (chunksOn[name] == 0)
                {
                    chunksOn.Remove(name);
                }
            }

            return false;
        }

        var found = Step(0);
        Release(ledger, nodes, kindOf);
        return found ? nodes : null;
    }

    private static ResourceRequest[] KindOf(ResourceRequest request)
    {
        var kindOf = new ResourceRequest[request.TotalChunks];
        var at = 0;
        foreach (var kind in request.ChunkKinds())
        {
            Array.Fill(kindOf, kind, at, kind.Chunks);
            at += kind.Chunks;
        }

        return kindOf;
    }

    /// <summary>Nodes nobody used before this task: the only ones an exclusive task may take (null when it is not exclusive).</summary>
    private static HashSet<string>? EmptyNodes(ResourceRequest request, NodeLedger ledger) => request.Exclusive
        ? ledger.Accepting.Where(n => n.AllocatedCpus == 0 && n.AllocatedMemoryBytes == 0 && n.AllocatedGpus == 0 && n.ExclusiveChunks == 0)
            .Select(n => n.Name).ToHashSet(StringComparer.Ordinal)
        : null;

    /// <summary>Host-pinned chunks first, then the largest (GPUs, CPUs, memory), then in chunk order.</summary>
    private static List<int> LargestFirst(ResourceRequest[] kindOf) => [.. Enumerable.Range(0, kindOf.Length)
        .OrderBy(i => kindOf[i].Hosts.Count > 0 ? 0 : 1)
        .ThenByDescending(i => kindOf[i].GpusPerChunk)
        .ThenByDescending(i => kindOf[i].CpusPerChunk)
        .ThenByDescending(i => kindOf[i].MemoryBytesPerChunk)
        .ThenBy(i => i)];

    /// <param name="tightest">
    /// False to order nodes as for chunks of one shape (spreading the load); true to put each chunk where it leaves the
    /// least room (best fit), the second try when spreading left no room for a large chunk after the small ones.
    /// </param>
    private static (IReadOnlyList<string>? Nodes, string? Reason) Place(ResourceRequest request, NodeLedger ledger, IReadOnlyDictionary<string, int> sameJobTasks,
        bool tightest)
    {
        var kindOf = KindOf(request);
        if (request.TotalCpus > ledger.FreeAcceptingCpus)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"no room for all {kindOf.Length} chunks ({SelectText(request)}) at once: they ask for {request.TotalCpus} CPUs and the nodes that are up have {ledger.FreeAcceptingCpus} free; {Largest(ledger)}"));
        }

        var empty = EmptyNodes(request, ledger);
        var order = LargestFirst(kindOf);
        var nodes = new string[kindOf.Length];
        var chunksOn = new Dictionary<string, int>(StringComparer.Ordinal);
        string? packed = request.Arrangement == PlacementArrangement.Pack ? PackNode(request, kindOf, ledger, sameJobTasks, empty) : null;
        var placed = 0;
        foreach (var i in order)
        {
            var kind = kindOf[i];
            var node = request.Arrangement == PlacementArrangement.Pack
                ? packed is { } p && Fits(ledger[p], kind, request, chunksOn, empty) ? p : null
                : Best(kind, request, ledger, sameJobTasks, chunksOn, empty, tightest);
            if (node is null)
            {
                Release(ledger, nodes, kindOf);
                return (null, Refusal(request, kindOf, kind, placed, ledger));
            }

            ledger.Allocate(node, kind);
            nodes[i] = node;
            chunksOn[node] = chunksOn.GetValueOrDefault(node) + 1;
            placed++;
        }

        Release(ledger, nodes, kindOf);
        return (nodes, null);
    }

    /// <summary>The least of the nodes that can take one chunk of <paramref name="kind"/> now, or null.</summary>
    private static string? Best(ResourceRequest kind, ResourceRequest request, NodeLedger ledger, IReadOnlyDictionary<string, int> sameJobTasks,
        Dictionary<string, int> chunksOn, HashSet<string>? empty, bool tightest)
    {
        IEnumerable<NodeSnapshot> candidates = kind.Hosts.Count > 0
            ? ledger.Contains(kind.Hosts[0]) ? [ledger[kind.Hosts[0]]] : []
            : kind.CpusPerChunk >= 1 ? ledger.AcceptingWithFreeCpus : ledger.Accepting;
        NodeSnapshot? best = null;
        PlacementRank bestRank = default;
        foreach (var n in candidates)
        {
            if (request.Arrangement is PlacementArrangement.Scatter or PlacementArrangement.VScatter && chunksOn.ContainsKey(n.Name)
                || !Fits(n, kind, request, chunksOn, empty))
            {
                continue;
            }

            var rank = tightest
                ? new PlacementRank(n.FreeCpus - kind.CpusPerChunk, (double)(n.FreeMemoryBytes - kind.MemoryBytesPerChunk), n.Name)
                : new PlacementRank(sameJobTasks.GetValueOrDefault(n.Name) + chunksOn.GetValueOrDefault(n.Name), ledger.CpuUtilizationWith(n, kind.CpusPerChunk), n.Name);
            if (best is null || rank.CompareTo(bestRank) < 0)
            {
                (best, bestRank) = (n, rank);
            }
        }

        return best?.Name;
    }

    /// <summary>Under <c>pack</c>: the least loaded node that could hold every chunk at once, or null.</summary>
    private static string? PackNode(ResourceRequest request, ResourceRequest[] kindOf, NodeLedger ledger, IReadOnlyDictionary<string, int> sameJobTasks,
        HashSet<string>? empty)
    {
        var (cpus, memory, gpus) = (request.TotalCpus, request.TotalMemoryBytes, request.TotalGpus);
        var hosts = kindOf.SelectMany(k => k.Hosts).Distinct(StringComparer.Ordinal).ToList();
        return ledger.Accepting
            .Where(n => (hosts.Count == 0 || (hosts.Count == 1 && hosts[0] == n.Name))
                && kindOf.All(k => ChunkFit.Suits(n, k))
                && n.ExclusiveChunks == 0 && (empty is null || empty.Contains(n.Name))
                && n.FreeCpus >= cpus && n.FreeMemoryBytes >= memory && n.FreeGpus >= gpus)
            .Select(n => (n.Name, Rank: new PlacementRank(sameJobTasks.GetValueOrDefault(n.Name), ledger.CpuUtilizationWith(n, (int)Math.Min(cpus, int.MaxValue)), n.Name)))
            .OrderBy(x => x.Rank)
            .Select(x => x.Name)
            .FirstOrDefault();
    }

    /// <summary>
    /// Whether one chunk of <paramref name="kind"/> fits on <paramref name="n"/> now: the node accepts work, has the
    /// kind's properties, its CPUs, memory and GPUs free, holds no other job's exclusive chunk, and for an exclusive
    /// task was unused before it or already holds its chunks.
    /// </summary>
    private static bool Fits(NodeSnapshot n, ResourceRequest kind, ResourceRequest request, Dictionary<string, int> chunksOn, HashSet<string>? empty)
    {
        var own = chunksOn.GetValueOrDefault(n.Name);
        return n.AcceptsWork && ChunkFit.Suits(n, kind)
            && n.ExclusiveChunks == (request.Exclusive ? own : 0)
            && (empty is null || own > 0 || empty.Contains(n.Name))
            && n.FreeCpus >= kind.CpusPerChunk && n.FreeMemoryBytes >= kind.MemoryBytesPerChunk && n.FreeGpus >= kind.GpusPerChunk;
    }

    private static void Release(NodeLedger ledger, string?[] nodes, ResourceRequest[] kindOf)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is { } n)
            {
                ledger.Release(n, kindOf[i]);
            }
        }
    }

    /// <summary>Why not, naming the chunk that found no node: the one-shape refusal when it was the first placed, else that the chunks do not fit together.</summary>
    private static string Refusal(ResourceRequest request, ResourceRequest[] kindOf, ResourceRequest kind, int placed, NodeLedger ledger) =>
        placed == 0 && request.Arrangement != PlacementArrangement.Pack
            ? PlacementRefusal.NoRoom(kind with { Chunks = 1, Arrangement = PlacementArrangement.Free }, ledger)
            : string.Create(CultureInfo.InvariantCulture,
                $"no room for all {kindOf.Length} chunks ({SelectText(request)}) at once{How(request)}: a chunk of {kind.CpusPerChunk} CPUs{Memory(kind)} finds no node left after the others; {Largest(ledger)}");

    private static string How(ResourceRequest request) => request.Exclusive ? " (excl: nobody else on their nodes)"
        : request.Arrangement switch
        {
            PlacementArrangement.Scatter or PlacementArrangement.VScatter => " on different nodes (place=scatter)",
            PlacementArrangement.Pack => " on one node (place=pack)",
            _ => "",
        };

    private static string Memory(ResourceRequest kind) => kind.MemoryBytesPerChunk > 0 ? " and " + SizeParser.Human(kind.MemoryBytesPerChunk) : "";

    private static string Largest(NodeLedger ledger) => ledger.LargestFree is { } l
        ? string.Create(CultureInfo.InvariantCulture, $"largest free: {l.Name} with {l.FreeCpus} CPUs and {SizeParser.Human(l.FreeMemoryBytes)}")
        : "no node is up";

    /// <summary>The kinds as a short select (<c>1:ncpus=4+2:ncpus=1</c>).</summary>
    private static string SelectText(ResourceRequest request) => string.Join('+', request.ChunkKinds()
        .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Chunks}:ncpus={k.CpusPerChunk}")));
}
