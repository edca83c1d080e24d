using System.Text.Json.Serialization;

namespace OpenMosixBatch.Server.Cluster;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MembershipFile))]
internal sealed partial class MembershipJsonContext : JsonSerializerContext;
