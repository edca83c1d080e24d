using LiteDB;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The stored form of a <see cref="JobEvent"/>: <c>{ _id: auto, jobId, utcTicks, offsetMinutes, kind, detail, wait }</c>
/// (<c>wait</c>, the typed kind of a new wait reason by name, only on such events).
/// The time is kept as UTC ticks plus the offset (a BSON date would drop both the offset and the sub-millisecond
/// part); the auto-incremented id keeps the append order of events with the same time.
/// </summary>
internal static class EventDocument
{
    public const string JobIdField = "jobId";
    private const string UtcTicksField = "utcTicks";
    private const string OffsetMinutesField = "offsetMinutes";
    private const string KindField = "kind";
    private const string DetailField = "detail";
    private const string WaitField = "wait";

    public static BsonDocument ToBson(JobEvent jobEvent)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        ArgumentNullException.ThrowIfNull(jobEvent.Kind);
        ArgumentNullException.ThrowIfNull(jobEvent.Detail);
        var document = new BsonDocument
        {
            [JobIdField] = jobEvent.JobId,
            [UtcTicksField] = jobEvent.Time.UtcTicks,
            [OffsetMinutesField] = (int)jobEvent.Time.Offset.TotalMinutes,
            [KindField] = jobEvent.Kind,
            [DetailField] = jobEvent.Detail,
        };
        if (jobEvent.Wait is { } wait)
        {
            document[WaitField] = wait.ToString();
        }

        return document;
    }

    public static JobEvent FromBson(BsonDocument document)
    {
        if (document[JobIdField] is not { IsInt64: true } jobId
            || document[UtcTicksField] is not { IsInt64: true } utcTicks
            || document[OffsetMinutesField] is not { IsInt32: true } offsetMinutes
            || document[KindField] is not { IsString: true } kind
            || document[DetailField] is not { IsString: true } detail)
        {
            throw new InvalidDataException($"event document {JobDocument.Show(document["_id"])} is missing a field");
        }

        WaitKind? waitKind = null;
        if (document[WaitField] is { IsString: true } wait)
        {
            waitKind = Enum.TryParse<WaitKind>(wait.AsString, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidDataException($"event document {JobDocument.Show(document["_id"])} has an unknown wait kind '{wait.AsString}'");
        }

        var offset = TimeSpan.FromMinutes(offsetMinutes.AsInt32);
        var time = new DateTimeOffset(utcTicks.AsInt64 + offset.Ticks, offset);
        return new JobEvent(jobId.AsInt64, time, kind.AsString, detail.AsString, waitKind);
    }

    /// <summary>The instant of a stored event, to order events by (the auto id then keeps the append order).</summary>
    public static long UtcTicksOf(BsonDocument document) => document[UtcTicksField].AsInt64;
}
