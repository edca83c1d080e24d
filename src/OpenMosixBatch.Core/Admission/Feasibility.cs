using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Admission;

/// <summary>Whether any node could ever hold a request; used to refuse impossible jobs at submission.</summary>
public static class Feasibility
{
    /// <summary>Null when some node could hold each chunk; otherwise one line naming the largest node.</summary>
    /// <remarks>Capacity counts whatever the node's state: an offline node may come back, so its size is still real.</remarks>
    public static string? WhyNeverFits(ResourceRequest request, IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return "the cluster has no nodes configured: add nodes to conf/cluster.json";
        }

        if (nodes.Any(n => n.Cpus >= request.CpusPerChunk && n.MemoryBytes >= request.MemoryBytesPerChunk))
        {
            return null;
        }

        var largest = nodes.OrderByDescending(n => n.MemoryBytes).ThenByDescending(n => n.Cpus).ThenBy(n => n.Name, StringComparer.Ordinal).First();
        return string.Create(CultureInfo.InvariantCulture,
            $"no node can ever hold a chunk of {request.CpusPerChunk} CPUs and {SizeParser.Human(request.MemoryBytesPerChunk)}: the largest node is {largest.Name} with {largest.Cpus} CPUs and {SizeParser.Human(largest.MemoryBytes)}; ask for at most that (e.g. -l select=1:ncpus={largest.Cpus}:mem={SizeParser.Format(largest.MemoryBytes)})");
    }
}
