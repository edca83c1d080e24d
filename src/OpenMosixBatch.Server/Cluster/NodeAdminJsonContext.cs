using System.Text.Json.Serialization;
using OpenMosixBatch.Core.Health;

namespace OpenMosixBatch.Server.Cluster;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Dictionary<string, NodeOffline>))]
[JsonSerializable(typeof(NodeOffline))]
[JsonSerializable(typeof(List<NodeTaskEnd>))]
internal sealed partial class NodeAdminJsonContext : JsonSerializerContext;
