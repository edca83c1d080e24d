using System.Text.Json.Serialization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// Source-generated System.Text.Json metadata for the stored form of a <see cref="Job"/>.
/// </summary>
/// <remarks>
/// Why JSON text inside the document rather than LiteDB's BsonMapper: BsonMapper stores DateTimeOffset as a BSON
/// date (UTC, millisecond precision: the offset and the sub-millisecond ticks are lost), cannot call the positional
/// constructors of the Core records (it wants a parameterless constructor or a [BsonCtor] attribute, which Core must
/// not carry), and does not know how to build IReadOnlyList/IReadOnlyDictionary members. System.Text.Json honours
/// required/init members and record constructors, writes DateTimeOffset and TimeSpan at full tick precision with the
/// offset, and a source-generated context needs no reflection at run time. Enums are written by name so that
/// reordering an enum never changes what a stored job means. Computed read-only members (DisplayId, IsArray,
/// TaskCount, TotalCpus, Count) are left out: they are derived again when the job is read.
/// </remarks>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    IgnoreReadOnlyProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(Job))]
internal sealed partial class JobJsonContext : JsonSerializerContext;
