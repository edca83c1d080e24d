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
    /// Read outside the store's lock (LiteDB reads a committed snapshot), so a listing of a year of history never holds
    /// up the queue's commits. All of them: one walk of the id index, which keeps id order without a sort. One owner's:
    /// that owner's ids through the owner index, sorted, then each job by id.
    /// </remarks>
    public IEnumerable<Job> FinishedJobs(uint? ownerUid)
    {
        ILiteCollection<BsonDocument> jobs;
        lock (_gate)
        {
            EnsureOpen();
            jobs = _jobs;
        }

        if (ownerUid is not { } uid)
        {
            return jobs.Find(Query.All()).Where(IsFinished).Select(JobDocument.FromBson);
        }

        var ids = jobs.Find(Query.EQ(JobDocument.OwnerUidField, (long)uid)).Where(IsFinished).Select(d => d["_id"].AsInt64).ToList();
        ids.Sort();
        return ids.Select(id => jobs.FindById(id)).Where(d => d is not null && IsFinished(d)).Select(JobDocument.FromBson);
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
            var ids = _jobs.Find(Query.Between(JobDocument.EndField, new BsonValue(0L), new BsonValue(before.UtcTicks - 1)), 0, max)
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
                foreach (var id in ids)
                {
                    _jobs.Delete(id);
                    _events.DeleteMany(Query.EQ(EventDocument.JobIdField, id));
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
