using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// How many chunks of a request a node can take: by its CPUs, memory and GPUs, only if it has the properties asked
/// for and none excluded, and none on a node another job holds exclusively. Placement asks of free resources, submission of capacity.
/// </summary>
public static class ChunkFit
{
    /// <summary>True when the node has every property the request names and none it excludes.</summary>
    public static bool Suits(NodeSnapshot node, ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(request);
        return request.Properties.All(p => node.Properties.Contains(p, StringComparer.Ordinal))
            && !request.ExcludedProperties.Any(p => node.Properties.Contains(p, StringComparer.Ordinal));
    }

    /// <summary>
    /// Chunks the node's free resources hold now: none beside another job's exclusive chunks, and for an exclusive
    /// request none on a node another job uses. <paramref name="ownChunks"/> chunks of the same task already allocated
    /// there do not count as another job (an exclusive job may pack its own chunks on its node).
    /// </summary>
    public static long Free(NodeSnapshot node, ResourceRequest request, int ownChunks = 0)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(request);
        if (!Suits(node, request) || node.ExclusiveChunks > (request.Exclusive ? ownChunks : 0))
        {
            return 0;
        }

        if (request.Exclusive && (node.AllocatedCpus > (long)ownChunks * request.CpusPerChunk
            || node.AllocatedMemoryBytes > ownChunks * request.MemoryBytesPerChunk || node.AllocatedGpus > (long)ownChunks * request.GpusPerChunk))
        {
            return 0;
        }

        return Slots(node.FreeCpus, node.FreeMemoryBytes, node.FreeGpus, request);
    }

    /// <summary>Chunks the node holds when empty: what it could ever take.</summary>
    public static long Capacity(NodeSnapshot node, ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(request);
        return Suits(node, request) ? Slots(Math.Max(node.Cpus, 0), Math.Max(node.MemoryBytes, 0), Math.Max(node.Gpus, 0), request) : 0;
    }

    private static long Slots(int cpus, long memory, int gpus, ResourceRequest request)
    {
        long fits = cpus / Math.Max(1, request.CpusPerChunk);
        if (request.MemoryBytesPerChunk > 0)
        {
            fits = Math.Min(fits, memory / request.MemoryBytesPerChunk);
        }

        if (request.GpusPerChunk > 0)
        {
            fits = Math.Min(fits, gpus / request.GpusPerChunk);
        }

        return fits;
    }
}
