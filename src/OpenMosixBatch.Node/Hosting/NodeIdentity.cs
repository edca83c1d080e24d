using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Node.Load;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Hosting;

/// <summary>Who this rank is: its node name and what it offers, and whether it shares its host with other nodes.</summary>
public static class NodeIdentity
{
    /// <summary>
    /// From the shape file's entry for <paramref name="rank"/>; else the switches (node{rank+1}, a simulated node);
    /// else measured from /proc and cgroups, named after the host (with the local rank when a host runs several).
    /// </summary>
    public static (NodeCapacity Capacity, bool SharedHost) Resolve(NodeCommandLine line, int rank, ProcfsReader procfs)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(procfs);
        if (line.ShapeFile is { } shape)
        {
            var json = File.ReadAllText(shape);
            return (FromShape(json, shape, rank), SharesHost(json, rank));
        }

        if (line.NodeCpus is not null || line.NodeMemoryBytes is not null)
        {
            var cpus = line.NodeCpus ?? (int)procfs.ReadCpuCapacity();
            return (new NodeCapacity($"node{rank + 1}", rank, cpus, line.NodeMemoryBytes ?? procfs.ReadMemoryCapacity(), line.NodeSpeed ?? 1.0), true);
        }

        // Hydra tells each rank how many ranks share its host.
        var local = int.TryParse(Environment.GetEnvironmentVariable("MPI_LOCALNRANKS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var localRank = Environment.GetEnvironmentVariable("MPI_LOCALRANKID") ?? "0";
        var name = local > 1 ? $"{Environment.MachineName}-{localRank}" : Environment.MachineName;
        var share = Math.Max(1, local);
        return (new NodeCapacity(name, rank, Math.Max(1, (int)(procfs.ReadCpuCapacity() / share)), procfs.ReadMemoryCapacity() / share, line.NodeSpeed ?? 1.0), local > 1);
    }

    /// <summary>
    /// The GPUs the rank offers: the count its shape states (<c>"gpus": 0</c> hides the host's), else those detected
    /// under <paramref name="gpuRoot"/> when the node has its host to itself; nodes sharing a host would each claim them.
    /// </summary>
    public static int EffectiveGpus(NodeCapacity capacity, bool sharedHost, string gpuRoot)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        return capacity.DeclaredGpus ?? (sharedHost ? 0 : GpuDetector.Count(gpuRoot));
    }

    /// <summary>
    /// True when another entry of the shape file names the same <c>"host"</c> as rank <paramref name="rank"/>'s (entries
    /// without one all run on the launching host).
    /// </summary>
    public static bool SharesHost(string json, int rank)
    {
        using var doc = JsonDocument.Parse(json);
        var nodes = doc.RootElement;
        if (nodes.ValueKind != JsonValueKind.Array || rank >= nodes.GetArrayLength())
        {
            return true;
        }

        static string? Host(JsonElement e) => e.TryGetProperty("host", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
        var own = Host(nodes[rank]);
        return nodes.EnumerateArray().Where((_, i) => i != rank).Any(e => Host(e) == own);
    }

    /// <summary>
    /// One entry of the shape file: <c>[{"name": "node1", "cpus": 2, "memory": "4gb", "speed": 1.0}, …]</c>, with
    /// <c>"cpuset"</c>, <c>"gpus"</c> and <c>"host"</c> when the cluster file gives them.
    /// </summary>
    public static NodeCapacity FromShape(string json, string path, int rank)
    {
        using var doc = JsonDocument.Parse(json);
        var nodes = doc.RootElement;
        if (nodes.ValueKind != JsonValueKind.Array || rank >= nodes.GetArrayLength())
        {
            throw new InvalidDataException($"shape file {path} has no entry for rank {rank}: launch as many ranks as it lists nodes");
        }

        var e = nodes[rank];
        var memory = SizeParser.Parse(e.GetProperty("memory").GetString() ?? "");
        if (!memory.Ok)
        {
            throw new InvalidDataException($"shape file {path}, rank {rank}: {memory.Error}");
        }

        var cpuSet = e.TryGetProperty("cpuset", out var set) ? CpuListParser.Parse(set.GetString()) : (ParseResult<IReadOnlyList<int>>?)null;
        if (cpuSet is { Ok: false } bad)
        {
            throw new InvalidDataException($"shape file {path}, rank {rank}: {bad.Error}");
        }

        return new NodeCapacity(e.GetProperty("name").GetString()!, rank, e.GetProperty("cpus").GetInt32(), memory.Value,
            e.TryGetProperty("speed", out var speed) ? speed.GetDouble() : 1.0)
        {
            CpuSet = cpuSet?.Value,
            DeclaredGpus = e.TryGetProperty("gpus", out var gpus) && gpus.TryGetInt32(out var n) && n >= 0 ? n : null,
        };
    }
}
