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
            return (FromShape(File.ReadAllText(shape), shape, rank), true);
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

    /// <summary>One entry of the shape file: <c>[{"name": "node1", "cpus": 2, "memory": "4gb", "speed": 1.0}, …]</c>.</summary>
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
        };
    }
}
