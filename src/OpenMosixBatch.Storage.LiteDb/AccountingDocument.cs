using LiteDB;
using OpenMosixBatch.Core.Accounting;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The stored form of an <see cref="AccountingRecord"/> in the <c>accounting</c> collection, one per finished job with
/// the job's id as <c>_id</c>: times as UTC ticks, so that the index on <see cref="EndField"/> serves a period's query and
/// the pruning of old records without reading the jobs.
/// </summary>
internal static class AccountingDocument
{
    public const string EndField = "end";
    public const string UidField = "uid";

    public static BsonDocument ToBson(AccountingRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var document = new BsonDocument
        {
            ["_id"] = r.JobId,
            ["name"] = r.Name,
            [UidField] = (long)r.Uid,
            ["user"] = r.User,
            ["gid"] = (long)r.Gid,
            ["queue"] = r.Queue,
            ["submit"] = r.SubmitTime.UtcTicks,
            [EndField] = r.EndTime.UtcTicks,
            ["wait"] = r.Wait.Ticks,
            ["nodes"] = r.Nodes,
            ["cpus"] = r.CpusRequested,
            ["alloc"] = r.CpuSecondsAllocated,
            ["used"] = r.CpuSecondsUsed,
            ["rss"] = r.PeakRssBytes,
            ["state"] = r.State.ToString(),
            ["migrations"] = r.Migrations,
            ["ckpt"] = r.CheckpointBytes,
        };
        if (r.StartTime is { } start)
        {
            document["start"] = start.UtcTicks;
        }

        if (r.ExitStatus is { } exit)
        {
            document["exit"] = exit;
        }

        return document;
    }

    public static AccountingRecord FromBson(BsonDocument d)
    {
        try
        {
            return new AccountingRecord
            {
                JobId = d["_id"].AsInt64,
                Name = d["name"].AsString,
                Uid = (uint)d[UidField].AsInt64,
                User = d["user"].AsString,
                Gid = (uint)d["gid"].AsInt64,
                Queue = d["queue"].AsString,
                SubmitTime = Utc(d["submit"].AsInt64),
                StartTime = d["start"] is { IsInt64: true } start ? Utc(start.AsInt64) : null,
                EndTime = Utc(d[EndField].AsInt64),
                Wait = TimeSpan.FromTicks(d["wait"].AsInt64),
                Nodes = d["nodes"].AsString,
                CpusRequested = d["cpus"].AsInt64,
                CpuSecondsAllocated = d["alloc"].AsDouble,
                CpuSecondsUsed = d["used"].AsDouble,
                PeakRssBytes = d["rss"].AsInt64,
                ExitStatus = d["exit"] is { IsInt32: true } exit ? exit.AsInt32 : null,
                State = d["state"].AsString[0],
                Migrations = d["migrations"].AsInt32,
                CheckpointBytes = d["ckpt"].AsInt64,
            };
        }
        catch (Exception e) when (e is InvalidCastException or NullReferenceException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"accounting document {JobDocument.Show(d["_id"])} is missing a field", e);
        }
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);
}
