using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// How many chunks of one request the accepting nodes of a ledger could hold, kept up to date as running tasks are
/// released through it: a reservation search releases the running tasks one end at a time and asks after each whether
/// the blocked request could fit yet, which a walk over every node per end made cost running tasks × nodes per pass.
/// </summary>
/// <remarks>
/// The count is the placer's own necessary condition (<see cref="TaskPlacer.Place"/> checks the same sum first), so
/// asking it instead never changes a decision; it only skips placements that would fail. A release reads the node's
/// count before and after it, so nothing per node is stored (a table of every node per search was much of its cost).
/// </remarks>
public sealed class ChunkSlots
{
    private readonly ResourceRequest _request;
    private readonly NodeLedger _ledger;
    private readonly bool _counts;

    public ChunkSlots(ResourceRequest request, NodeLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ledger);
        _request = request;
        _ledger = ledger;
        if (request.CpusPerChunk < 1 || request.Mixed)
        {
            Total = long.MaxValue;   // a request of no CPUs is never short of room; one of several shapes is not counted
            return;
        }

        _counts = true;
        foreach (var n in ledger.AcceptingWithFreeCpus)   // a node without a CPU free holds no chunk of one CPU or more
        {
            Total += FitsOn(request, n);
        }
    }

    /// <summary>The chunks the accepting nodes could hold now.</summary>
    public long Total { get; private set; }

    /// <summary>Releases one chunk of <paramref name="held"/> on <paramref name="node"/> in the ledger and counts the room it frees.</summary>
    public void Release(string node, ResourceRequest held)
    {
        ArgumentNullException.ThrowIfNull(held);
        var before = Count(node);
        _ledger.Release(node, held);
        Total += Count(node) - before;
    }

    /// <summary>Releases <paramref name="cpus"/> and <paramref name="memory"/> on <paramref name="node"/> in the ledger and counts the room it frees.</summary>
    public void Release(string node, int cpus, long memory)
    {
        var before = Count(node);
        _ledger.Release(node, cpus, memory);
        Total += Count(node) - before;
    }

    /// <summary>The chunks <paramref name="node"/> counts for: none when it does not accept work (a release never changes that).</summary>
    private long Count(string node) => _counts && _ledger[node] is { AcceptsWork: true } n ? FitsOn(_request, n) : 0;

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
