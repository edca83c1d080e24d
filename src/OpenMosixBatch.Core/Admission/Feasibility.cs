using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Admission;

/// <summary>Whether the cluster could ever hold a request; used to refuse impossible jobs at submission.</summary>
public static class Feasibility
{
    /// <summary>
    /// Null when some node could hold each chunk and the nodes together all the chunks at once; otherwise one line
    /// naming the largest node or the cluster's capacity (or the properties and hosts no node has).
    /// </summary>
    /// <remarks>Capacity counts whatever the node's state: an offline node may come back, so its size is still real.</remarks>
    public static string? WhyNeverFits(ResourceRequest request, IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return "the cluster has no nodes configured: add nodes to conf/cluster.json";
        }

        if (request.Mixed)
        {
            return WhyMixedNeverFits(request, nodes);
        }

        if (FeasibilityConstraints.WhyNoNodeMatches(request, nodes) is { } unmatched)
        {
            return unmatched;
        }

        var suiting = nodes.Where(n => ChunkFit.Suits(n, request)).ToList();
        if (!suiting.Any(n => ChunkFit.Capacity(n, request) >= 1))
        {
            var largest = suiting.OrderByDescending(n => n.MemoryBytes).ThenByDescending(n => n.Cpus).ThenByDescending(n => n.Gpus).ThenBy(n => n.Name, StringComparer.Ordinal).First();
            if (request.GpusPerChunk > 0)
            {
                largest = suiting.OrderByDescending(n => n.Gpus).ThenByDescending(n => n.MemoryBytes).ThenByDescending(n => n.Cpus).ThenBy(n => n.Name, StringComparer.Ordinal).First();
                return string.Create(CultureInfo.InvariantCulture,
                    $"no node can ever hold a chunk of {request.CpusPerChunk} CPUs, {SizeParser.Human(request.MemoryBytesPerChunk)} and {request.GpusPerChunk} GPUs: the largest node is {largest.Name} with {largest.Cpus} CPUs, {SizeParser.Human(largest.MemoryBytes)} and {largest.Gpus} GPUs; ask for at most that (e.g. -l select=1:ncpus={Math.Min(largest.Cpus, request.CpusPerChunk)}:ngpus={largest.Gpus})");
            }

            return string.Create(CultureInfo.InvariantCulture,
                $"no node can ever hold a chunk of {request.CpusPerChunk} CPUs and {SizeParser.Human(request.MemoryBytesPerChunk)}: the largest node is {largest.Name} with {largest.Cpus} CPUs and {SizeParser.Human(largest.MemoryBytes)}; ask for at most that (e.g. -l select=1:ncpus={largest.Cpus}:mem={SizeParser.Format(largest.MemoryBytes)})");
        }

        var most = MostChunks(request, nodes);
        if (most >= request.Chunks)
        {
            return null;
        }

        if (FeasibilityConstraints.WhyArrangementNeverFits(request, suiting, most) is { } arranged)
        {
            return arranged;
        }

        var cpus = nodes.Sum(n => (long)n.Cpus);
        var memory = nodes.Sum(n => n.MemoryBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"the whole cluster can never hold {request.Chunks} chunks of {request.CpusPerChunk} CPUs and {SizeParser.Human(request.MemoryBytesPerChunk)}: its {nodes.Count} nodes ({cpus} CPUs and {SizeParser.Human(memory)} in all) hold at most {most} such chunks at once; ask for at most that (e.g. -l select={most}:ncpus={request.CpusPerChunk}), or split the work into several jobs");
    }

    /// <summary>
    /// For chunks of several shapes: each kind must fit as a request of its own, and then all of them together on the
    /// empty cluster, placed as they would be.
    /// </summary>
    private static string? WhyMixedNeverFits(ResourceRequest request, IReadOnlyList<NodeSnapshot> nodes)
    {
        foreach (var kind in request.ChunkKinds())
        {
            if (WhyNeverFits(kind, nodes) is { } alone)
            {
                return alone;
            }
        }

        var empty = new NodeLedger([.. nodes.Select(n => n with
        {
            State = NodeState.Free, AllocatedCpus = 0, AllocatedMemoryBytes = 0, AllocatedGpus = 0, ExclusiveChunks = 0,
            MeasuredCpuUtilization = null, MeasuredMemoryUtilization = null,
        })], UtilizationMode.Allocated);
        var (placed, reason) = TaskPlacer.Place(request, empty, new Dictionary<string, int>());
        return placed is not null ? null
            : $"the whole cluster can never hold these chunks at once, even empty: {reason}; ask for fewer or smaller chunks, or split the work into several jobs";
    }

    /// <summary>
    /// How many chunks of <paramref name="request"/> the nodes hold at once, all of them empty: chunks may share a
    /// node but never split one, so each node holds as many as its CPUs, memory and GPUs allow (one under
    /// <c>place=scatter</c>; under <c>place=pack</c> only the largest node counts). A request pinned to
    /// hosts counts, per host, at most the chunks it names there.
    /// </summary>
    public static long MostChunks(ResourceRequest request, IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nodes);
        if (request.CpusPerChunk < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.CpusPerChunk, "a chunk has at least one CPU");
        }

        long most = 0;
        foreach (var n in nodes)
        {
            var fits = ChunkFit.Capacity(n, request);
            if (request.Hosts.Count > 0)
            {
                fits = Math.Min(fits, request.Hosts.Count(h => h == n.Name));
            }

            most = request.Arrangement switch
            {
                PlacementArrangement.Scatter or PlacementArrangement.VScatter => most + Math.Min(fits, 1),
                PlacementArrangement.Pack => Math.Max(most, fits),
                _ => most + fits,
            };
        }

        return most;
    }
}
