using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// Chooses a node for each chunk of a task: a node that accepts work and has the CPUs and the memory free (memory is
/// never pooled), preferring nodes with fewer tasks of the same job (arrays spread), then the least loaded, then by name.
/// </summary>
public static class TaskPlacer
{
    /// <summary>The node per chunk, or null with the reason no node could take a chunk.</summary>
    public static (IReadOnlyList<string>? Nodes, string? Reason) Place(ResourceRequest request, NodeLedger ledger, IReadOnlyDictionary<string, int> sameJobTasks)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(sameJobTasks);
        if (!ledger.Accepting.Any())
        {
            return (null, "no execution node is up (all are offline or down)");
        }

        if (!HasRoomFor(request, ledger))
        {
            return (null, NoRoom(request, ledger));
        }

        var chosen = new List<string>();
        var chunksOn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < request.Chunks; c++)
        {
            var node = ledger.Accepting
                .Where(n => n.FreeCpus >= request.CpusPerChunk && n.FreeMemoryBytes >= request.MemoryBytesPerChunk)
                .OrderBy(n => sameJobTasks.GetValueOrDefault(n.Name) + chunksOn.GetValueOrDefault(n.Name))
                .ThenBy(n => ledger.CpuUtilization(n with { AllocatedCpus = n.AllocatedCpus + request.CpusPerChunk }))
                .ThenBy(n => n.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (node is null)
            {
                foreach (var n in chosen)
                {
                    ledger.Release(n, request.CpusPerChunk, request.MemoryBytesPerChunk);
                }

                return (null, NoRoom(request, ledger));
            }

            ledger.Allocate(node.Name, request.CpusPerChunk, request.MemoryBytesPerChunk);
            chosen.Add(node.Name);
            chunksOn[node.Name] = chunksOn.GetValueOrDefault(node.Name) + 1;
        }

        foreach (var n in chosen)
        {
            ledger.Release(n, request.CpusPerChunk, request.MemoryBytesPerChunk);
        }

        return (chosen, null);
    }

    /// <summary>
    /// Whether the free CPUs and memory could hold every chunk at all (a chunk fits whole on one node). Checked first
    /// because it is a necessary condition, found in one walk over the nodes: a request that cannot fit — the head of a
    /// full cluster's queue, on every pass, and every step of a reservation search — then costs no sort per chunk.
    /// </summary>
    private static bool HasRoomFor(ResourceRequest request, NodeLedger ledger)
    {
        if (request.CpusPerChunk < 1)
        {
            return true;
        }

        long slots = 0;
        foreach (var n in ledger.Accepting)
        {
            long fits = n.FreeCpus / request.CpusPerChunk;
            if (request.MemoryBytesPerChunk > 0)
            {
                fits = Math.Min(fits, n.FreeMemoryBytes / request.MemoryBytesPerChunk);
            }

            slots += fits;
            if (slots >= request.Chunks)
            {
                return true;
            }
        }

        return false;
    }

    private static string NoRoom(ResourceRequest request, NodeLedger ledger)
    {
        var largest = ledger.Accepting.OrderByDescending(n => n.FreeCpus).ThenByDescending(n => n.FreeMemoryBytes).ThenBy(n => n.Name, StringComparer.Ordinal).First();
        var memory = request.MemoryBytesPerChunk > 0 ? " and " + SizeParser.Human(request.MemoryBytesPerChunk) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"no node has {request.CpusPerChunk} CPUs{memory} free; largest free: {largest.Name} with {largest.FreeCpus} CPUs and {SizeParser.Human(largest.FreeMemoryBytes)}");
    }
}
