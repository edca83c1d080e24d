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

        var chosen = new List<string>();
        for (var c = 0; c < request.Chunks; c++)
        {
            var node = ledger.Accepting
                .Where(n => n.FreeCpus >= request.CpusPerChunk && n.FreeMemoryBytes >= request.MemoryBytesPerChunk)
                .OrderBy(n => sameJobTasks.GetValueOrDefault(n.Name) + chosen.Count(x => x == n.Name))
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
        }

        foreach (var n in chosen)
        {
            ledger.Release(n, request.CpusPerChunk, request.MemoryBytesPerChunk);
        }

        return (chosen, null);
    }

    private static string NoRoom(ResourceRequest request, NodeLedger ledger)
    {
        var largest = ledger.Accepting.OrderByDescending(n => n.FreeCpus).ThenByDescending(n => n.FreeMemoryBytes).ThenBy(n => n.Name, StringComparer.Ordinal).First();
        var memory = request.MemoryBytesPerChunk > 0 ? " and " + SizeParser.Human(request.MemoryBytesPerChunk) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"no node has {request.CpusPerChunk} CPUs{memory} free; largest free: {largest.Name} with {largest.FreeCpus} CPUs and {SizeParser.Human(largest.FreeMemoryBytes)}");
    }
}
