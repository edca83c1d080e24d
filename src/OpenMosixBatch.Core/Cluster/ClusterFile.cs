using System.Text.Json;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Cluster;

/// <summary>
/// conf/cluster.json: the node table used until an execution world reports its nodes.
/// <c>{"defaults": {"cpus": 2, "memory": "4gb", "speed": 1.0}, "nodes": [{"name": "node1"}, {"name": "node2", "cpus": 4}]}</c>.
/// A node's <c>"host"</c> names the machine its rank runs on; either every node names one or none does. <c>"gpus"</c>
/// declares its GPUs (0 too: without the key the node has those its rank detects) and <c>"properties"</c> the names jobs
/// may ask for (both may stand in <c>"defaults"</c> too).
/// </summary>
public static class ClusterFile
{
    public static IReadOnlyList<NodeSnapshot> Parse(string json, string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"bad cluster file {path}: {e.Message}: fix the JSON");
        }

        using (doc)
        {
            var root = doc.RootElement;
            var defaults = root.TryGetProperty("defaults", out var d) ? d : default;
            if (!root.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array || nodes.GetArrayLength() == 0)
            {
                throw new InvalidDataException($"bad cluster file {path}: no \"nodes\" array: list the nodes, e.g. \"nodes\": [{{\"name\": \"node1\"}}]");
            }

            var result = new List<NodeSnapshot>();
            foreach (var n in nodes.EnumerateArray())
            {
                var name = n.TryGetProperty("name", out var nm) && nm.ValueKind == JsonValueKind.String ? nm.GetString()! : "";
                if (name.Length == 0 || result.Any(r => r.Name == name))
                {
                    throw new InvalidDataException($"bad cluster file {path}: every node needs a unique \"name\" ('{name}')");
                }

                var cpus = Int(n, defaults, "cpus", path, name);
                var memory = Size(n, defaults, "memory", path, name);
                var speed = Number(n, defaults, "speed") ?? 1.0;
                if (cpus < 1 || memory < 1 || speed <= 0)
                {
                    throw new InvalidDataException($"bad cluster file {path}: node {name} needs cpus ≥ 1, memory > 0 and speed > 0");
                }

                result.Add(new NodeSnapshot(name, cpus, memory, speed)
                {
                    CpuSet = CpuSet(n, path, name),
                    Host = Host(n, path, name),
                    Gpus = Gpus(n, defaults, path, name),
                    GpusDeclared = Field(n, defaults, "gpus") is not null,
                    Properties = Properties(n, defaults, path, name),
                });
            }

            if (result.Any(r => r.Host is null) && result.FirstOrDefault(r => r.Host is not null) is { } hosted)
            {
                var bare = result.First(r => r.Host is null);
                throw new InvalidDataException($"bad cluster file {path}: node {hosted.Name} names a \"host\" but node {bare.Name} does not: give every node a \"host\" or none");
            }

            return result;
        }
    }

    private static string? CpuSet(JsonElement node, string path, string name)
    {
        if (!node.TryGetProperty("cpuset", out var v))
        {
            return null;
        }

        var cpus = CpuListParser.Parse(v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText());
        return cpus.Ok ? CpuListParser.Format(cpus.Value!) : throw new InvalidDataException($"bad cluster file {path}: node {name} \"cpuset\": {cpus.Error}");
    }

    private static string? Host(JsonElement node, string path, string name)
    {
        if (!node.TryGetProperty("host", out var v))
        {
            return null;
        }

        var host = v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
        return v.ValueKind == JsonValueKind.String && HostName.IsValid(host) ? host
            : throw new InvalidDataException($"bad cluster file {path}: node {name} \"host\" '{host}' is not a host name or IP address: use e.g. \"host\": \"compute-1\" (letters, digits, '-' and '.')");
    }

    private static int Gpus(JsonElement node, JsonElement defaults, string path, string name) =>
        Field(node, defaults, "gpus") is not { } v ? 0
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var gpus) && gpus is >= 0 and <= 1024 ? gpus
        : throw new InvalidDataException($"bad cluster file {path}: node {name} \"gpus\" must be a whole number from 0 to 1024, e.g. \"gpus\": 2");

    /// <summary>The node's properties, as Torque's nodes file lists them: names a job asks for (<c>nodes=2:ppn=8:ib</c>).</summary>
    private static List<string> Properties(JsonElement node, JsonElement defaults, string path, string name)
    {
        if (Field(node, defaults, "properties") is not { } v)
        {
            return [];
        }

        var bad = $"bad cluster file {path}: node {name} \"properties\" must be a list of names (a letter, then letters, digits, '_' or '-'), e.g. \"properties\": [\"ib\", \"bigmem\"]";
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException(bad);
        }

        var properties = new List<string>();
        foreach (var p in v.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.String || !NameRules.IsResourceName(p.GetString()!))
            {
                throw new InvalidDataException(bad);
            }

            if (!properties.Contains(p.GetString()!))
            {
                properties.Add(p.GetString()!);
            }
        }

        return properties;
    }

    private static JsonElement? Field(JsonElement node, JsonElement defaults, string key) =>
        node.TryGetProperty(key, out var v) ? v
        : defaults.ValueKind == JsonValueKind.Object && defaults.TryGetProperty(key, out var dv) ? dv
        : null;

    private static int Int(JsonElement node, JsonElement defaults, string key, string path, string name) =>
        Field(node, defaults, key) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i
        : throw new InvalidDataException($"bad cluster file {path}: node {name} has no whole-number \"{key}\"");

    private static double? Number(JsonElement node, JsonElement defaults, string key) =>
        Field(node, defaults, key) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    private static long Size(JsonElement node, JsonElement defaults, string key, string path, string name)
    {
        var text = Field(node, defaults, key) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : "";
        var size = SizeParser.Parse(text);
        return size.Ok ? size.Value : throw new InvalidDataException($"bad cluster file {path}: node {name} \"{key}\" '{text}': {size.Error}");
    }
}
