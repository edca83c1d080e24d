using System.Text.Json.Serialization;

namespace OpenMosixBatch.Server.Cluster;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class NodeAdminJsonContext : JsonSerializerContext;
