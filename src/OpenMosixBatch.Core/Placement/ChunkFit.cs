using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// How many chunks of a request a node can take: by its CPUs, memory and GPUs, only if it has the properties asked
/// for, and one at most on a node kept for an exclusive job. Placement asks of free resources, submission of capacity.
/// </summary>
public static class ChunkFit
{
    /// <summary>True when the node has every property the request names.</summary>
    public static bool Suits(NodeSnapshot node, ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(request);
        return request.Properties.All(p => node.Properties.Contains(p, StringComparer.Ordinal));
    }

    /// <summary>Chunks the node's free resources hold now: none beside an exclusive job, one at most for an exclusive one on an empty node.</summary>
    public static long Free(NodeSnapshot node, ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(request);
        if (node.ExclusiveChunks > 0 || !Suits(node, request))
        {
            return 0;
        }

        if (request.Exclusive && (node.AllocatedCpus > 0 || node.AllocatedMemoryBytes > 0 || node.AllocatedGpus > 0))
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

        return request.Exclusive ? Math.Min(fits, 1) : fits;
    }
}
