using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Admission;

/// <summary>Whether the cluster could ever hold a request; used to refuse impossible jobs at submission.</summary>
public static class Feasibility
{
    /// <summary>
    /// Null when some node could hold each chunk and the nodes together all the chunks at once; otherwise one line
    /// naming the largest node or the cluster's capacity.
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

        if (!nodes.Any(n => n.Cpus >= request.CpusPerChunk && n.MemoryBytes >= request.MemoryBytesPerChunk))
        {
            var largest = nodes.OrderByDescending(n => n.MemoryBytes).ThenByDescending(n => n.Cpus).ThenBy(n => n.Name, StringComparer.Ordinal).First();
            return string.Create(CultureInfo.InvariantCulture,
                $"no node can ever hold a chunk of {request.CpusPerChunk} CPUs and {SizeParser.Human(request.MemoryBytesPerChunk)}: the largest node is {largest.Name} with {largest.Cpus} CPUs and {SizeParser.Human(largest.MemoryBytes)}; ask for at most that (e.g. -l select=1:ncpus={largest.Cpus}:mem={SizeParser.Format(largest.MemoryBytes)})");
        }

        var most = MostChunks(request, nodes);
        if (most >= request.Chunks)
        {
            return null;
        }

        var cpus = nodes.Sum(n => (long)n.Cpus);
        var memory = nodes.Sum(n => n.MemoryBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"the whole cluster can never hold {request.Chunks} chunks of {request.CpusPerChunk} CPUs and {SizeParser.Human(request.MemoryBytesPerChunk)}: its {nodes.Count} nodes ({cpus} CPUs and {SizeParser.Human(memory)} in all) hold at most {most} such chunks at once; ask for at most that (e.g. -l select={most}:ncpus={request.CpusPerChunk}), or split the work into several jobs");
    }

    /// <summary>
    /// How many chunks of <paramref name="request"/> the nodes hold at once, all of them empty: chunks may share a
    /// node but never split one, so each node holds as many as both its CPUs and its memory allow.
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
            var byCpus = Math.Max(n.Cpus, 0) / request.CpusPerChunk;
            var byMemory = request.MemoryBytesPerChunk > 0 ? Math.Max(n.MemoryBytes, 0) / request.MemoryBytesPerChunk : long.MaxValue;
            most += Math.Min(byCpus, byMemory);
        }

        return most;
    }
}
