using System.Buffers.Binary;
using System.Globalization;
using LiteDB;
using OpenMosixBatch.Core.Accounting;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The stored form of a daily usage rollup in the <c>usage</c> collection: one <see cref="UsageCell"/> per UTC day, user,
/// group and queue, its <c>_id</c> starting with the day as <c>yyyyMMdd</c>, so that a period's days are a range of
/// the <c>_id</c> index and need no index of their own. The histogram is stored as one binary value of little-endian
/// (int32 bucket, int64 count) pairs: a month's report reads a few hundred of them, and one binary is far cheaper to
/// read than an array of a thousand BSON values.
/// </summary>
internal static class UsageDocument
{
    private const int PairBytes = 12;

    public static string DayKey(DateTimeOffset day) => day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The rollup's id of a record: its end's day, then its user, group and queue.</summary>
    public static string IdOf(AccountingRecord r) =>
        string.Create(CultureInfo.InvariantCulture, $"{DayKey(UsageDays.DayOf(r.EndTime))}|{r.Uid}|{r.Gid}|{r.Queue}|{r.User}");

    public static BsonDocument ToBson(string id, UsageCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var tally = cell.Tally;
        var buckets = tally.Waits.Buckets.ToList();
        var packed = new byte[buckets.Count * PairBytes];
        for (var i = 0; i < buckets.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(i * PairBytes), buckets[i].Key);
            BinaryPrimitives.WriteInt64LittleEndian(packed.AsSpan((i * PairBytes) + 4), buckets[i].Value);
        }

        return new BsonDocument
        {
            ["_id"] = id,
            ["uid"] = (long)cell.Uid,
            ["user"] = cell.User,
            ["gid"] = (long)cell.Gid,
            ["queue"] = cell.Queue,
            ["jobs"] = tally.Jobs,
            ["alloc"] = tally.CpuSecondsAllocated,
            ["used"] = tally.CpuSecondsUsed,
            ["wait"] = tally.WaitTicks,
            ["wmin"] = tally.Waits.MinSeconds,
            ["wmax"] = tally.Waits.MaxSeconds,
            ["h"] = packed,
        };
    }

    public static UsageCell FromBson(BsonDocument d)
    {
        try
        {
            var packed = d["h"].AsBinary;
            if (packed.Length % PairBytes != 0)
            {
                throw new ArgumentException($"its histogram is {packed.Length} bytes, not a whole number of {PairBytes}-byte buckets");
            }

            var buckets = new KeyValuePair<int, long>[packed.Length / PairBytes];
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = new(BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(i * PairBytes)), BinaryPrimitives.ReadInt64LittleEndian(packed.AsSpan((i * PairBytes) + 4)));
            }

            var waits = WaitHistogram.Of(buckets, d["wmin"].AsDouble, d["wmax"].AsDouble);
            var tally = UsageTally.Of(d["jobs"].AsInt64, d["alloc"].AsDouble, d["used"].AsDouble, d["wait"].AsInt64, waits);
            return new UsageCell((uint)d["uid"].AsInt64, d["user"].AsString, (uint)d["gid"].AsInt64, d["queue"].AsString, tally);
        }
        catch (Exception e) when (e is InvalidCastException or NullReferenceException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException($"usage rollup {JobDocument.Show(d["_id"])} is missing a field", e);
        }
    }
}
