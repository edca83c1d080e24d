using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// How many chunks of one request the accepting nodes of a ledger could hold, kept up to date node by node as the
/// ledger changes: a reservation search releases the running tasks one end at a time and asks after each whether the
/// blocked request could fit yet, which a walk over every node per end made cost running tasks × nodes per pass.
/// </summary>
/// <remarks>
/// The count is the placer's own necessary condition (<see cref="TaskPlacer.Place"/> checks the same sum first), so
/// asking it instead never changes a decision; it only skips placements that would fail.
/// </remarks>
public sealed class ChunkSlots
{
    private readonly ResourceRequest _request;
    private readonly NodeLedger _ledger;
    private readonly Dictionary<string, long> _byNode = new(StringComparer.Ordinal);

    public ChunkSlots(ResourceRequest request, NodeLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ledger);
        _request = request;
        _ledger = ledger;
        if (request.CpusPerChunk < 1)
        {
            Total = long.MaxValue;   // a request of no CPUs is never short of room
            return;
        }

        foreach (var n in ledger.Accepting)
        {
            var fits = FitsOn(request, n);
            _byNode[n.Name] = fits;
            Total += fits;
        }
    }

    /// <summary>The chunks the accepting nodes could hold now.</summary>
    public long Total { get; private set; }

    /// <summary>Takes <paramref name="node"/>'s current free CPUs and memory from the ledger.</summary>
    public void Recount(string node)
    {
        if (!_byNode.TryGetValue(node, out var before))
        {
            return;   // not accepting work (or no CPUs asked): it never changes the count
        }

        var after = FitsOn(_request, _ledger[node]);
        _byNode[node] = after;
        Total += after - before;
    }

    /// <summary>Chunks of <paramref name="request"/> node <paramref name="n"/> could take now, as its arrangement counts them.</summary>
    internal static long FitsOn(ResourceRequest request, NodeSnapshot n)
    {
        var fits = ChunkFit.Free(n, request);
        return request.Arrangement switch
        {
            PlacementArrangement.Scatter or PlacementArrangement.VScatter => Math.Min(fits, 1),
            PlacementArrangement.Pack => fits >= request.Chunks ? fits : 0,
            _ => fits,
        };
    }
}
