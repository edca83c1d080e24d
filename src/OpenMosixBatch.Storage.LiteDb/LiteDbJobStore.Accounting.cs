using LiteDB;
using OpenMosixBatch.Core.Accounting;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>The accounting records of finished jobs (<see cref="AccountingDocument"/>): read by period for reports, pruned by their end.</summary>
public sealed partial class LiteDbJobStore
{
    /// <summary>
    /// The records of a period through the index on their end. Read outside the store's lock (LiteDB reads a committed
    /// snapshot), so a report over a month of a large history never holds up the queue's commits.
    /// </summary>
    public IReadOnlyList<AccountingRecord> EndedBetween(DateTimeOffset from, DateTimeOffset to, uint? uid)
    {
        ILiteCollection<BsonDocument> accounting;
        lock (_gate)
        {
            EnsureOpen();
            accounting = _database!.GetCollection(AccountingCollection);
        }

        // One range of the end index (bounds inclusive, so [from, to) is [from, to − 1 tick]): an And of GTE and LT makes
        // LiteDB walk the index from one bound to the collection's end and filter by the other.
        var query = uid is { } u
            ? StoreQueries.BetweenAndEqual(AccountingDocument.EndField, from.UtcTicks, to.UtcTicks - 1, AccountingDocument.UidField, (long)u)
            : StoreQueries.Between(AccountingDocument.EndField, from.UtcTicks, to.UtcTicks - 1);
        return [.. accounting.Find(query).Select(AccountingDocument.FromBson)];
    }

    /// <summary>Deletes at most <paramref name="max"/> records that ended before <paramref name="before"/>, in one transaction.</summary>
    public int PruneEndedBefore(DateTimeOffset before, int max)
    {
        lock (_gate)
        {
            EnsureOpen();
            var accounting = _database!.GetCollection(AccountingCollection);
            var ids = accounting.Find(StoreQueries.Below(AccountingDocument.EndField, before.UtcTicks), 0, max).Select(d => d["_id"]).ToList();
            if (ids.Count == 0)
            {
                return 0;
            }

            if (!_database.BeginTrans())
            {
                throw new JobStoreCommitException($"could not begin a transaction on {DatabasePath} to prune accounting records");
            }

            try
            {
                foreach (var id in ids)
                {
                    accounting.Delete(id);
                }

                _database.Commit();
                return ids.Count;
            }
            catch
            {
                _database.Rollback();
                throw;
            }
        }
    }
}
