using System.Text.Json.Serialization;

namespace OpenMosixBatch.Server.Cluster;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Dictionary<string, NodeOffline>))]
[JsonSerializable(typeof(NodeOffline))]
internal sealed partial class NodeAdminJsonContext : JsonSerializerContext;
