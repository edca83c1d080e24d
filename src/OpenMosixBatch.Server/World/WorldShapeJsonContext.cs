using System.Text.Json.Serialization;

namespace OpenMosixBatch.Server.World;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<Dictionary<string, object>>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
internal sealed partial class WorldShapeJsonContext : JsonSerializerContext;
