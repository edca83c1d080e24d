using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Placement;

/// <summary>Why a task cannot be placed now, in the words qstat -f shows: what it asks for and the largest free node.</summary>
internal static class PlacementRefusal
{
    public static string NoRoom(ResourceRequest request, NodeLedger ledger)
    {
        // Without properties or GPUs every accepting node is a candidate and the ledger keeps the largest: a long pass
        // on a full cluster refuses one shape after another, and a sort of the nodes per refusal was most of its time.
        var largest = request.Properties.Count == 0 && request.ExcludedProperties.Count == 0 && request.GpusPerChunk <= 0 ? ledger.LargestFree : Largest(request, ledger);
        if (largest is null)
        {
            return request.ExcludedProperties.Count == 0 ? $"no node that is up has the properties {string.Join(", ", request.Properties)}" : $"no node that is up{Wanted(request)}";
        }

        var memory = request.MemoryBytesPerChunk > 0 ? " and " + SizeParser.Human(request.MemoryBytesPerChunk) : "";
        var gpus = request.GpusPerChunk > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {request.GpusPerChunk} GPUs") : "";
        var largestGpus = request.GpusPerChunk > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {largest.FreeGpus} GPUs") : "";
        var where = request.Hosts.Count > 0 ? " on " + string.Join('+', request.Hosts.Distinct())
            : Wanted(request);
        var how = request.Exclusive ? " (excl: nobody else on it)"
            : request.Arrangement is PlacementArrangement.Scatter or PlacementArrangement.VScatter && request.Chunks > 1
                ? string.Create(CultureInfo.InvariantCulture, $" on each of {request.Chunks} different nodes (place=scatter)")
            : request.Arrangement == PlacementArrangement.Pack && request.Chunks > 1
                ? string.Create(CultureInfo.InvariantCulture, $" for all {request.Chunks} chunks on one node (place=pack)")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"no node{where} has {request.CpusPerChunk} CPUs{memory}{gpus} free{how}; largest free: {largest.Name} with {largest.FreeCpus} CPUs and {SizeParser.Human(largest.FreeMemoryBytes)}{largestGpus}");
    }

    /// <summary>" with ib" / " without bigmem" / " with ib and without bigmem": the nodes the request's properties allow.</summary>
    private static string Wanted(ResourceRequest request)
    {
        var with = request.Properties.Count > 0 ? " with " + string.Join(", ", request.Properties) : "";
        var without = request.ExcludedProperties.Count > 0 ? " without " + string.Join(", ", request.ExcludedProperties) : "";
        return with.Length > 0 && without.Length > 0 ? with + " and" + without : with + without;
    }

    /// <summary>
    /// The accepting node with the request's properties that has the most GPUs free (for a GPU request: the node worth
    /// naming), then the most CPUs, then the most memory, then the first name; null when none has the properties.
    /// </summary>
    private static NodeSnapshot? Largest(ResourceRequest request, NodeLedger ledger)
    {
        NodeSnapshot? largest = null;
        foreach (var n in ledger.Accepting)
        {
            if (ChunkFit.Suits(n, request) && (largest is null || Larger(n, largest, request.GpusPerChunk > 0)))
            {
                largest = n;
            }
        }

        return largest;
    }

    private static bool Larger(NodeSnapshot n, NodeSnapshot than, bool byGpus)
    {
        var c = byGpus ? n.FreeGpus.CompareTo(than.FreeGpus) : 0;
        c = c != 0 ? c : n.FreeCpus.CompareTo(than.FreeCpus);
        c = c != 0 ? c : n.FreeMemoryBytes.CompareTo(than.FreeMemoryBytes);
        return c > 0 || (c == 0 && string.CompareOrdinal(n.Name, than.Name) < 0);
    }
}
