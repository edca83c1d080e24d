using System.Text.Encodings.Web;
using System.Text.Json;
using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The stored form of a schedule: <c>{ _id: name, v: 1, ownerUid, json }</c>, the JSON being the one source of the
/// schedule (see <see cref="JobDocument"/> for why JSON rather than LiteDB's mapper).
/// </summary>
internal static class ScheduleDocument
{
    public const string OwnerUidField = "ownerUid";
    private const string VersionField = "v";
    private const string JsonField = "json";
    private const int CurrentVersion = 1;

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
            ["_id"] = schedule.Name,
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
        if (document[VersionField] is not { IsInt32: true } version || version.AsInt32 != CurrentVersion)
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

        if (schedule is null || !id.IsString || schedule.Name != id.AsString)
        {
            throw new InvalidDataException($"schedule document {shownId} holds schedule '{schedule?.Name ?? "null"}'");
        }

        return schedule;
    }
}
