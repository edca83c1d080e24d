using LiteDB;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>The finished jobs: found by id, listed for qstat -x, pruned by their end, never loaded at open.</summary>
public sealed partial class LiteDbJobStore
{
    public Job? Find(long jobId)
    {
        lock (_gate)
        {
            EnsureOpen();
            return _jobs.FindById(jobId) is { } document ? JobDocument.FromBson(document) : null;
        }
    }

    /// <remarks>
    /// Read a page at a time, each under the store's lock on the database as it is then (a commit that fails on a full
    /// disk closes it, and the next opens it again), so a listing of a year of history holds up the queue's commits
    /// only a page at a time and never reads through a closed engine. All of them: the id index walked from the last
    /// id read, which keeps id order without a sort. One owner's: that owner's ids through the owner index, sorted,
    /// then each page of jobs by id.
    /// </remarks>
    public IEnumerable<Job> FinishedJobs(uint? ownerUid)
    {
        if (ownerUid is not { } uid)
        {
            return AllFinished();
        }

        List<long> ids;
        lock (_gate)
        {
            EnsureOpen();
            var owned = _ownerIndexOnEveryJob
                ? StoreQueries.Equal(JobDocument.OwnerUidField, (long)uid)
                : StoreQueries.AnyEqual(JobDocument.FinishedOwnerKeys, (long)uid);
            ids = _jobs.Find(owned).Where(IsFinished).Select(d => d["_id"].AsInt64).ToList();
        }

        ids.Sort();
        return ids.Chunk(FinishedPage).SelectMany(page =>
        {
            lock (_gate)
            {
                EnsureOpen();
                return page.Select(id => _jobs.FindById(id)).Where(d => d is not null && IsFinished(d)).Select(JobDocument.FromBson).ToList();
            }
        });
    }

    private const int FinishedPage = 1000;

    private IEnumerable<Job> AllFinished()
    {
        var after = long.MinValue;
        while (true)
        {
            List<BsonDocument> page;
            lock (_gate)
            {
                EnsureOpen();
                page = _jobs.Find(StoreQueries.Above("_id", after), 0, FinishedPage).ToList();
            }

            foreach (var document in page.Where(IsFinished))
            {
                yield return JobDocument.FromBson(document);
            }

            if (page.Count < FinishedPage)
            {
                yield break;
            }

            after = page[^1]["_id"].AsInt64;
        }
    }

    /// <remarks>A walk down the end index, which puts the jobs not finished (a null end) last: it stops after <paramref name="max"/>.</remarks>
    public IReadOnlyList<Job> LatestFinished(int max)
    {
        lock (_gate)
        {
            EnsureOpen();
            return [.. _jobs.Find(Query.All(JobDocument.EndField, Query.Descending)).TakeWhile(IsFinished).Take(max).Select(JobDocument.FromBson)];
        }
    }

    public int PruneFinishedBefore(DateTimeOffset before, int max)
    {
        lock (_gate)
        {
            EnsureOpen();
            var ids = _jobs.Find(StoreQueries.Between(JobDocument.EndField, 0L, before.UtcTicks - 1), 0, max)
                .Select(d => d["_id"]).ToList();
            if (ids.Count == 0)
            {
                return 0;
            }

            if (!_database!.BeginTrans())
            {
                throw new JobStoreCommitException($"could not begin a transaction on {DatabasePath} to prune finished jobs");
            }

            try
            {
                // The file's last job may be the only record of the next id (see WriteBatch): stored first.
                WriteCounter(_counter ?? NextIdOfFile());
                foreach (var id in ids)
                {
                    _jobs.Delete(id);
                    _events.DeleteMany(StoreQueries.EventsOf(id.AsInt64));
                }

                _database.Commit();
                return ids.Count;
            }
            catch (Exception ex)
            {
                if (IsFileFailure(ex))
                {
                    CloseAfterFailure();
                }
                else
                {
                    _database.Rollback();
                }

                throw;
            }
        }
    }

    private static bool IsFinished(BsonDocument document) => document[JobDocument.EndField].IsInt64;

    /// <summary>
    /// Gives every job of a file written before the history was indexed its <c>end</c> (once: the meta collection
    /// records it), so that its finished jobs are not loaded as live ones.
    /// </summary>
    private void IndexHistory()
    {
        if (_meta.FindById(HistoryFormatKey) is not null)
        {
            return;
        }

        if (!_database!.BeginTrans())
        {
            throw new JobStoreCommitException($"could not begin a transaction on {DatabasePath} to index its finished jobs");
        }

        try
        {
            var unindexed = _jobs.FindAll().Where(d => !d.ContainsKey(JobDocument.EndField)).ToList();
            foreach (var document in unindexed)
            {
                document[JobDocument.EndField] = JobDocument.EndOf(JobDocument.FromBson(document));
            }

            _jobs.Update(unindexed);
            _meta.Upsert(new BsonDocument { ["_id"] = HistoryFormatKey, [ValueField] = 1 });
            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }
}
