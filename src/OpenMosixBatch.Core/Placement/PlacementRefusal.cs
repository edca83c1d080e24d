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
        var candidates = ledger.Accepting.Where(n => ChunkFit.Suits(n, request)).ToList();
        if (candidates.Count == 0)
        {
            return $"no node that is up has the properties {string.Join(", ", request.Properties)}";
        }

        // For a GPU request the node with the most GPUs free is the one worth naming.
        var largest = candidates.OrderByDescending(n => request.GpusPerChunk > 0 ? n.FreeGpus : 0).ThenByDescending(n => n.FreeCpus).ThenByDescending(n => n.FreeMemoryBytes).ThenBy(n => n.Name, StringComparer.Ordinal).First();
        var memory = request.MemoryBytesPerChunk > 0 ? " and " + SizeParser.Human(request.MemoryBytesPerChunk) : "";
        var gpus = request.GpusPerChunk > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {request.GpusPerChunk} GPUs") : "";
        var largestGpus = request.GpusPerChunk > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {largest.FreeGpus} GPUs") : "";
        var where = request.Hosts.Count > 0 ? " on " + string.Join('+', request.Hosts.Distinct())
            : request.Properties.Count > 0 ? " with " + string.Join(", ", request.Properties) : "";
        var how = request.Exclusive ? " (excl: nobody else on it)"
            : request.Arrangement is PlacementArrangement.Scatter or PlacementArrangement.VScatter && request.Chunks > 1
                ? string.Create(CultureInfo.InvariantCulture, $" on each of {request.Chunks} different nodes (place=scatter)")
            : request.Arrangement == PlacementArrangement.Pack && request.Chunks > 1
                ? string.Create(CultureInfo.InvariantCulture, $" for all {request.Chunks} chunks on one node (place=pack)")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"no node{where} has {request.CpusPerChunk} CPUs{memory}{gpus} free{how}; largest free: {largest.Name} with {largest.FreeCpus} CPUs and {SizeParser.Human(largest.FreeMemoryBytes)}{largestGpus}");
    }
}
