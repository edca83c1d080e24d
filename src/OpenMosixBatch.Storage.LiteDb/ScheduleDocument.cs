using System.Text.Encodings.Web;
using System.Text.Json;
using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The stored form of a schedule: <c>{ _id: "uid/name", v: 2, ownerUid, json }</c>, the JSON being the one source of the
/// schedule (see <see cref="JobDocument"/> for why JSON rather than LiteDB's mapper). The id is the
/// <see cref="ScheduleKey"/>, since names are per owner; a name never holds a <c>/</c>, so the id is unambiguous.
/// </summary>
/// <remarks>
/// Version 1 (before names were per owner) was keyed by the name alone: <c>{ _id: name, v: 1, ownerUid, json }</c>.
/// It is still read, and <see cref="LiteDbScheduleStore.Open"/> rewrites such documents as version 2.
/// </remarks>
internal static class ScheduleDocument
{
    public const string OwnerUidField = "ownerUid";
    private const string VersionField = "v";
    private const string JsonField = "json";
    private const int NameKeyedVersion = 1;
    private const int CurrentVersion = 2;

    private static readonly ScheduleJsonContext Json = new(new JsonSerializerOptions(ScheduleJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static BsonDocument ToBson(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var json = JsonSerializer.Serialize(schedule, Json.Schedule);
        return new BsonDocument
        {
            ["_id"] = IdOf(ScheduleKey.Of(schedule)),
            [VersionField] = CurrentVersion,
            [OwnerUidField] = (long)schedule.Owner.Uid,
            [JsonField] = json,
        };
    }

    /// <summary>Reads a stored schedule; throws <see cref="InvalidDataException"/> when the document is not one.</summary>
    public static Schedule FromBson(BsonDocument document)
    {
        var id = document["_id"];
        var shownId = JobDocument.Show(id);
        if (document[VersionField] is not { IsInt32: true } version || version.AsInt32 is not (CurrentVersion or NameKeyedVersion))
        {
            throw new InvalidDataException($"schedule document {shownId} has format version {JobDocument.Show(document[VersionField])}, expected {CurrentVersion}");
        }

        if (document[JsonField] is not { IsString: true } json)
        {
            throw new InvalidDataException($"schedule document {shownId} has no schedule text");
        }

        Schedule? schedule;
        try
        {
            schedule = JsonSerializer.Deserialize(json.AsString, Json.Schedule);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"schedule document {shownId} does not parse: {ex.Message}", ex);
        }

        var expectedId = schedule is null ? null : version.AsInt32 == NameKeyedVersion ? schedule.Name : IdOf(ScheduleKey.Of(schedule)).AsString;
        if (schedule is null || !id.IsString || id.AsString != expectedId)
        {
            throw new InvalidDataException($"schedule document {shownId} holds schedule '{schedule?.Name ?? "null"}'");
        }

        return schedule;
    }

    /// <summary>The document id of a schedule: <c>uid/name</c>.</summary>
    public static BsonValue IdOf(ScheduleKey key) => key.ToString();

    /// <summary>True for a document of the name-keyed version 1, which <see cref="LiteDbScheduleStore.Open"/> rewrites.</summary>
    public static bool IsNameKeyed(BsonDocument document) => document[VersionField] is { IsInt32: true, AsInt32: NameKeyedVersion };
}
