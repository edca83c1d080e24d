using System.Text.Json.Serialization;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>Source-generated JSON for the stored form of a <see cref="Schedule"/>, with the options (and reasons) of <see cref="JobJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    IgnoreReadOnlyProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(Schedule))]
internal sealed partial class ScheduleJsonContext : JsonSerializerContext;
