using LiteDB;
using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>The write path: a batch mapped to documents, measured, and written in one transaction with the counter it implies.</summary>
public sealed partial class LiteDbJobStore
{
    public void Commit(JobStoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // Mapped and measured before the transaction: a job too large for one document refuses the batch with its id,
        // without a write, so the caller can commit the rest without it.
        var jobs = Map(batch);
        lock (_gate)
        {
            _snapshotFromOpen = null;
            try
            {
                EnsureOpen();
            }
            catch (Exception ex) when (IsFileFailure(ex) || ex is LiteException)
            {
                CloseAfterFailure();
                throw Failed(batch, ex);
            }

            // LiteDB binds a transaction to the calling thread; the lock keeps one batch at a time in it.
            if (!_database!.BeginTrans())
            {
                throw new JobStoreCommitException($"could not begin a transaction on {DatabasePath}: a transaction is already open on this thread; commit batches one at a time");
            }

            try
            {
                var counter = WriteBatch(batch, jobs);
                if (!_database.Commit())
                {
                    throw new InvalidOperationException("LiteDB found no open transaction to commit");
                }

                _counter = counter;
                _freshFrom = _freshFrom is { } fresh ? Math.Max(Math.Max(fresh, batch.NextJobId), batch.Upserts.Count == 0 ? 0 : batch.Upserts.Max(j => j.Id) + 1) : null;
            }
            catch (Exception ex)
            {
                _counter = null;
                _freshFrom = null;
                if (IsFileFailure(ex))
                {
                    // The engine is shut down; rolling back on it would only throw again.
                    CloseAfterFailure();
                }
                else
                {
                    _database.Rollback();
                }

                throw Failed(batch, ex);
            }
        }
    }

    private List<BsonDocument> Map(JobStoreBatch batch)
    {
        var documents = new List<BsonDocument>(batch.Upserts.Count);
        try
        {
            foreach (var job in batch.Upserts)
            {
                var document = JobDocument.ToBson(job);
                if (JobDocument.StoredBytes(document) is var bytes && bytes > JobDocument.MaxDocumentBytes)
                {
                    throw new JobTooLargeToStoreException(job.Id, bytes, JobDocument.MaxDocumentBytes);
                }

                documents.Add(document);
            }
        }
        catch (Exception ex) when (ex is not JobTooLargeToStoreException and not OutOfMemoryException)
        {
            throw Failed(batch, ex);
        }

        return documents;
    }

    /// <returns>The counter as stored once the transaction commits.</returns>
    private long WriteBatch(JobStoreBatch batch, List<BsonDocument> jobs)
    {
        // The bulk calls cost less per document than one call each.
        if (_freshFrom is { } fresh)
        {
            var changed = new List<BsonDocument>();
            var added = new List<BsonDocument>();
            for (var i = 0; i < jobs.Count; i++)
            {
                (batch.Upserts[i].Id >= fresh ? added : changed).Add(jobs[i]);
            }

            // An empty list still costs LiteDB a snapshot of the collection: a batch of submissions only inserts.
            if (changed.Count > 0)
            {
                _jobs.Upsert(changed);
            }

            if (added.Count > 0)
            {
                _jobs.Insert(added);
            }
        }
        else if (jobs.Count > 0)
        {
            _jobs.Upsert(jobs);
        }

        if (batch.Events.Count > 0)
        {
            _events.Insert(batch.Events.Select(EventDocument.ToBson));
        }

        // A finished job's accounting record, and its day's usage, commit with its end, so every finished job has them.
        if (batch.Upserts.Any(j => j.State.IsFinished()))
        {
            WriteAccounting(batch.Upserts.Where(j => j.State.IsFinished()).Select(AccountingRecord.Of));
        }

        // The counter only moves forward; a batch that hands out no new id leaves it as it is. A batch whose last job
        // is the last id handed out need not store it: the file's last job says it (ReadSnapshot), and the pruner
        // stores the counter before it deletes a last job.
        var stored = _counter ?? NextIdOfFile();
        if (batch.NextJobId <= stored)
        {
            return stored;
        }

        if (batch.Upserts.Count == 0 || batch.Upserts.Max(j => j.Id) + 1 < batch.NextJobId)
        {
            WriteCounter(batch.NextJobId);
        }

        return batch.NextJobId;
    }

    private void WriteCounter(long next) => _meta.Upsert(new BsonDocument { ["_id"] = NextJobIdKey, [ValueField] = next });
}
