using System.Globalization;
using CsCheck;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Placement;

namespace OpenMosixBatch.Core.Tests.Placement;

/// <summary>
/// A refusal names the largest free node from the ledger's kept summary, or one walk for a request with properties or
/// GPUs, instead of sorting every node per refusal: the same text as the sort it replaced, for any request and nodes.
/// </summary>
public sealed class PlacementRefusalTests
{
    private static readonly string[] Properties = ["fast", "big", "ib"];

    [Fact]
    public void Place_WhenRefused_GivesTheReasonTheSortOverEveryNodeGave()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 12], Gen.Int[1, 6]).Sample((seed, nodeCount, chunks) =>
        {
            var r = new Random(seed);
            var nodes = Enumerable.Range(1, nodeCount).Select(i => new NodeSnapshot($"n{r.Next(100):D2}{i}", r.Next(0, 5), r.Next(0, 5) * (512L << 20), 1.0,
                r.Next(3), r.Next(3) * (256L << 20), State: r.Next(6) == 0 ? NodeState.Offline : NodeState.Free)
            {
                Gpus = r.Next(3),
                AllocatedGpus = r.Next(2),
                Properties = [.. Properties.Where(_ => r.Next(2) == 0)],
            }).ToList();
            var request = new ResourceRequest(chunks, r.Next(1, 4), r.Next(3) * (512L << 20))
            {
                GpusPerChunk = r.Next(3) == 0 ? r.Next(1, 3) : 0,
                Properties = r.Next(3) == 0 ? [Properties[r.Next(Properties.Length)]] : [],
                Arrangement = (PlacementArrangement)r.Next(Enum.GetValues<PlacementArrangement>().Length),
            };
            var ledger = new NodeLedger(nodes, UtilizationMode.Allocated);

            var (placed, reason) = TaskPlacer.Place(request, ledger, new Dictionary<string, int>());

            if (placed is null && ledger.Accepting.Any())
            {
                Assert.Equal(SortedNoRoom(request, ledger), reason);
            }
        });
    }

    /// <summary>The refusal as it was: every suitable node sorted, the first named.</summary>
    private static string SortedNoRoom(ResourceRequest request, NodeLedger ledger)
    {
        var candidates = ledger.Accepting.Where(n => ChunkFit.Suits(n, request)).ToList();
        if (candidates.Count == 0)
        {
            return $"no node that is up has the properties {string.Join(", ", request.Properties)}";
        }

        var largest = candidates.OrderByDescending(n => request.GpusPerChunk > 0 ? n.FreeGpus : 0).ThenByDescending(n => n.FreeCpus)
            .ThenByDescending(n => n.FreeMemoryBytes).ThenBy(n => n.Name, StringComparer.Ordinal).First();
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
