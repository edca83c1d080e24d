using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The stored form of a job: <c>{ _id: id, v: 2, ownerUid, state, end, json, plainTasks, finishedOwner }</c> (<see cref="PlainTaskRuns"/>;
/// <c>v: 1</c> and no <c>plainTasks</c> when every task is in the JSON). The owner, state and end are copied out of
/// the JSON for the store's queries and a person reading the file: <c>end</c> (the ticks of <see cref="JobEnd.Of"/>,
/// null while the job has not finished) and <c>finishedOwner</c> (the owner, on finished jobs only) are indexed, so the
/// server loads only the jobs not finished, and reads and prunes the history through them. The JSON is the one source of the job itself.
/// </summary>
internal static class JobDocument
{
    public const string OwnerUidField = "ownerUid";

    /// <summary>
    /// The owner's uid as a one-element array, on finished jobs only: indexed as <see cref="FinishedOwnerKeys"/>, which
    /// gives a job no index entry while it lives (qstat -x of one user reads only finished jobs through it), so a
    /// submission's commit writes one index entry fewer.
    /// </summary>
    public const string FinishedOwnerField = "finishedOwner";

    /// <summary>The index expression over <see cref="FinishedOwnerField"/>: a multi-key path, which yields no key where the field is absent.</summary>
    public const string FinishedOwnerKeys = "$." + FinishedOwnerField + "[*]";
    public const string StateField = "state";
    public const string EndField = "end";
    private const string VersionField = "v";
    private const string JsonField = "json";
    private const string PlainTasksField = "plainTasks";

    /// <summary>Version 2 keeps the tasks that carry only their index and state in <see cref="PlainTaskRuns"/>.</summary>
    private const int CurrentVersion = 2;

    /// <summary>Every task in the JSON; still written when no task is plain, so such a file stays readable by older servers.</summary>
    private const int FullTasksVersion = 1;

    // The text is only ever read back by this class, never embedded in HTML, so the relaxed encoder may write quotes,
    // '<', '>' and non-ASCII as they are: shorter documents and a file a person can read in LiteDB Studio.
    private static readonly JsonTypeInfo<Job> JobType = (JsonTypeInfo<Job>)new JsonSerializerOptions(JobJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JobJsonContext.Default.WithAddedModifier(OmitNoExitCause),
    }.GetTypeInfo(typeof(Job));

    /// <summary>
    /// A task out of E has no exit cause: it is written only when set, so the bytes a task may grow to
    /// (<see cref="StoredJobSize.PerTaskBytes"/>) stay as they were, and a record without it reads as one written before it.
    /// </summary>
    private static void OmitNoExitCause(JsonTypeInfo info)
    {
        if (info.Type != typeof(JobTask))
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => p.PropertyType == typeof(ExitCause)))
        {
            property.ShouldSerialize = static (_, value) => value is ExitCause cause && cause != ExitCause.None;
        }
    }

    public static BsonDocument ToBson(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);

        // Serialising first rejects a job that breaks the model (a null required member) before any field is read.
        var (listed, runs) = PlainTaskRuns.Split(job.Tasks);
        var json = JsonSerializer.Serialize(runs is null ? job : job with { Tasks = listed }, JobType);
        var document = new BsonDocument
        {
            ["_id"] = job.Id,
            [VersionField] = runs is null ? FullTasksVersion : CurrentVersion,
            [OwnerUidField] = (long)job.Owner.Uid,
            [StateField] = job.State.ToString(),
            [EndField] = EndOf(job),
            [JsonField] = json,
        };
        if (runs is not null)
        {
            document[PlainTasksField] = runs;
        }

        if (job.State.IsFinished())
        {
            document[FinishedOwnerField] = new BsonArray { (long)job.Owner.Uid };
        }

        return document;
    }

    /// <summary>The stored <c>end</c> of <paramref name="job"/>: its end's UTC ticks once finished, else null.</summary>
    public static BsonValue EndOf(Job job) => JobEnd.Of(job) is { } end ? new BsonValue(end.UtcTicks) : BsonValue.Null;

    /// <summary>
    /// LiteDB's largest document: 16,683,050 bytes (it throws "Document size exceed" when writing a larger one).
    /// </summary>
    public const long MaxDocumentBytes = 16_683_050;

    /// <summary>What the fields around the job's text take: names, types, the id, version, owner and state.</summary>
    private const long FieldBytes = 256;

    /// <summary>At least the size of <paramref name="document"/> as LiteDB writes it, without serialising it again.</summary>
    public static long StoredBytes(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var runs = document[PlainTasksField];
        return System.Text.Encoding.UTF8.GetByteCount(document[JsonField].AsString) + (runs.IsString ? runs.AsString.Length : 0) + FieldBytes;
    }

    /// <summary>Reads a stored job; throws <see cref="InvalidDataException"/> when the document is not one.</summary>
    public static Job FromBson(BsonDocument document)
    {
        var id = document["_id"];
        var shownId = Show(id);
        if (document[VersionField] is not { IsInt32: true } version || version.AsInt32 is not (FullTasksVersion or CurrentVersion))
        {
            throw new InvalidDataException($"job document {shownId} has format version {Show(document[VersionField])}, expected {FullTasksVersion} or {CurrentVersion}");
        }

        var runs = document[PlainTasksField];
        if (version.AsInt32 == CurrentVersion && !runs.IsString)
        {
            throw new InvalidDataException($"job document {shownId} has format version {CurrentVersion} but no plain task runs");
        }

        if (document[JsonField] is not { IsString: true } json)
        {
            throw new InvalidDataException($"job document {shownId} has no job text");
        }

        Job? job;
        try
        {
            job = JsonSerializer.Deserialize(json.AsString, JobType);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"job document {shownId} does not parse: {ex.Message}", ex);
        }

        if (job is null || !id.IsInt64 || job.Id != id.AsInt64)
        {
            throw new InvalidDataException($"job document {shownId} holds job {job?.Id.ToString(CultureInfo.InvariantCulture) ?? "null"}");
        }

        try
        {
            return OlderExitCause.Derive(version.AsInt32 == CurrentVersion ? job with { Tasks = PlainTaskRuns.Join(job.Tasks, runs.AsString) } : job);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"job document {shownId}: {ex.Message}", ex);
        }
    }

    /// <summary>A BSON value as a person reads it: <c>1</c> rather than LiteDB's extended JSON <c>{"$numberLong":"1"}</c>.</summary>
    public static string Show(BsonValue value) =>
        value.IsNumber ? Convert.ToString(value.RawValue, CultureInfo.InvariantCulture)! : value.ToString();
}
