using System.Text.Json;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Server.World;

/// <summary>The nodes a launched world has, rank by rank: the cluster file's, or N alike with the overrides.</summary>
public static class WorldShape
{
    /// <param name="configured">conf/cluster.json's nodes (the first gives the defaults for extra ranks).</param>
    /// <param name="options">Nodes, NodeCpus and NodeMemory from omb up or the configuration.</param>
    public static IReadOnlyList<NodeSnapshot> For(IReadOnlyList<NodeSnapshot> configured, WorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(options);
        var count = options.Nodes > 0 ? options.Nodes : configured.Count;
        var memory = options.NodeMemory is { Length: > 0 } text ? SizeParser.Parse(text).Value : (long?)null;
        var template = configured[0];
        return [.. Enumerable.Range(0, count).Select(rank =>
        {
            var node = rank < configured.Count && options.Nodes == 0 ? configured[rank] : template with { Name = $"node{rank + 1}", Host = null };
            return node with { Cpus = options.NodeCpus ?? node.Cpus, MemoryBytes = memory ?? node.MemoryBytes };
        })];
    }

    /// <summary>The file every rank reads its own line from (<c>omb node --shape FILE</c>).</summary>
    public static string ToJson(IReadOnlyList<NodeSnapshot> nodes) =>
        JsonSerializer.Serialize(nodes.Select(n =>
        {
            var entry = new Dictionary<string, object>
            {
                ["name"] = n.Name,
                ["cpus"] = n.Cpus,
                ["memory"] = SizeParser.Format(n.MemoryBytes),
                ["speed"] = n.Speed,
            };
            if (n.CpuSet is { } cpuSet)
            {
                entry["cpuset"] = cpuSet;
            }

            // Stated GPUs (0 too) are the node's; without them its rank counts the GPUs of a host it has to itself.
            if (n.GpusDeclared || n.Gpus > 0)
            {
                entry["gpus"] = n.Gpus;
            }

            if (n.Host is { } host)
            {
                entry["host"] = host;
            }

            return entry;
        }).ToList(), WorldShapeJsonContext.Default.ListDictionaryStringObject);
}
