using LiteDB;
using OpenMosixBatch.Core.Accounting;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The daily usage rollups (<see cref="UsageDocument"/>, as slurmdbd rolls usage up per hour, day and month): kept in the
/// same transaction as each job's end, rebuilt once from the accounting records of an older file, read by
/// <c>omb report</c> for the whole days of its period.
/// </summary>
public sealed partial class LiteDbJobStore
{
    private const string UsageCollection = "usage";
    private const string UsageFormatKey = "usageFormat";

    /// <summary>The rollups' format: 2 stores the wait histogram as one binary value (1, never released, as an array).</summary>
    private const int UsageFormat = 2;

    /// <summary>
    /// The period's usage: the whole UTC days from the rollups, the parts before and after them from the records. Read
    /// outside the store's lock, as <see cref="EndedBetween"/> is.
    /// </summary>
    public IReadOnlyList<UsageCell> UsageBetween(DateTimeOffset from, DateTimeOffset to, uint? uid)
    {
        if (UsageDays.WholeDays(from, to) is not { } days)
        {
            return UsageCell.Of(EndedBetween(from, to, uid));
        }

        ILiteCollection<BsonDocument> usage;
        lock (_gate)
        {
            EnsureOpen();
            usage = _database!.GetCollection(UsageCollection);
        }

        var cells = UsageCell.Of(EndedBetween(from, days.First, uid));
        // An id is its day's key then '|…', so [first day's key, end day's key] is exactly the whole days' rollups: one range of the _id index.
        var range = StoreQueries.Between("_id", UsageDocument.DayKey(days.First), UsageDocument.DayKey(days.End));
        cells.AddRange(usage.Find(range).Select(UsageDocument.FromBson).Where(c => uid is null || c.Uid == uid));
        cells.AddRange(UsageCell.Of(EndedBetween(days.End, to, uid)));
        return cells;
    }

    /// <summary>Deletes at most <paramref name="max"/> rollups of days that ended before <paramref name="before"/>, in one transaction.</summary>
    public int PruneUsageBefore(DateTimeOffset before, int max) =>
        DeleteFirst(UsageCollection, StoreQueries.Below("_id", UsageDocument.DayKey(UsageDays.DayOf(before))), max, "usage rollups");

    /// <summary>
    /// Writes the accounting records of the batch's finished jobs and adds them to their days' rollups, inside the
    /// batch's transaction. A job that had a record already (committed finished before) is first taken out of its old
    /// day's rollup, so that it is counted once.
    /// </summary>
    private void WriteAccounting(IEnumerable<AccountingRecord> finished)
    {
        var records = finished.GroupBy(r => r.JobId).Select(g => g.Last()).ToList();
        if (records.Count == 0)
        {
            return;
        }

        var accounting = _database!.GetCollection(AccountingCollection);
        var previous = records.Select(r => accounting.FindById(r.JobId)).Where(d => d is not null).Select(AccountingDocument.FromBson).ToList();
        accounting.Upsert(records.Select(AccountingDocument.ToBson));

        var usage = _database.GetCollection(UsageCollection);
        var cells = new Dictionary<string, UsageCell>(StringComparer.Ordinal);
        UsageCell CellOf(AccountingRecord r)
        {
            var id = UsageDocument.IdOf(r);
            if (!cells.TryGetValue(id, out var cell))
            {
                cell = usage.FindById(id) is { } stored ? UsageDocument.FromBson(stored) : new UsageCell(r.Uid, r.User, r.Gid, r.Queue, new UsageTally());
                cells.Add(id, cell);
            }

            return cell;
        }

        previous.ForEach(r => CellOf(r).Tally.Remove(r));
        records.ForEach(r => CellOf(r).Tally.Add(r));
        foreach (var (id, cell) in cells)
        {
            if (cell.Tally.Jobs > 0)
            {
                usage.Upsert(UsageDocument.ToBson(id, cell));
            }
            else
            {
                usage.Delete(id);
            }
        }
    }

    /// <summary>
    /// Builds the rollups of a file written before they were kept, once (the meta collection records it), from its
    /// accounting records: one pass over them, in memory per day, user, group and queue, then one transaction.
    /// </summary>
    private void RollUpUsage()
    {
        if (_meta.FindById(UsageFormatKey) is { } format && format[ValueField] == UsageFormat)
        {
            return;
        }

        var cells = new Dictionary<string, UsageCell>(StringComparer.Ordinal);
        foreach (var record in _database!.GetCollection(AccountingCollection).FindAll().Select(AccountingDocument.FromBson))
        {
            var id = UsageDocument.IdOf(record);
            if (!cells.TryGetValue(id, out var cell))
            {
                cell = new UsageCell(record.Uid, record.User, record.Gid, record.Queue, new UsageTally());
                cells.Add(id, cell);
            }

            cell.Tally.Add(record);
        }

        if (!_database.BeginTrans())
        {
            throw new JobStoreCommitException($"could not begin a transaction on {DatabasePath} to roll up its accounting records");
        }

        try
        {
            var usage = _database.GetCollection(UsageCollection);
            usage.DeleteAll();
            usage.Insert(cells.Select(c => UsageDocument.ToBson(c.Key, c.Value)));
            _meta.Upsert(new BsonDocument { ["_id"] = UsageFormatKey, [ValueField] = UsageFormat });
            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }
}
