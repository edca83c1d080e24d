using LiteDB;
using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// The durable <see cref="IJobStore"/>: one LiteDB 5 file opened in direct mode (the server is its only user), with
/// the collections <c>jobs</c> (one document per job, indexed by end and owner: <see cref="JobDocument"/>), <c>events</c>
/// (the append-only job event log, indexed by job id), <c>accounting</c>, <c>usage</c> (daily rollups of it) and <c>meta</c>
/// (the next job id, the formats an older file was brought to).
/// </summary>
/// <remarks>
/// Durability, as LiteDB 5.0.21 does it: a commit writes the transaction's dirty pages to the write-ahead log file
/// (<c>NAME-log.db</c> beside the database) with synchronous <c>FileStream.Write</c> calls of whole 8 KiB pages on the
/// committing thread, the last page marked as confirming the transaction, before <c>Commit</c> returns. Those writes
/// are page-sized, so they bypass FileStream's 8 KiB buffer and reach the kernel at once: once <see cref="Commit"/>
/// returned, the batch is in the OS page cache and survives a <c>kill -9</c> of the server (the next open replays the
/// confirmed transactions of the log). LiteDB does not fsync the log on commit; it fsyncs only the data file, when a
/// checkpoint copies the log into it (every 1000 log pages, on <see cref="Backup"/>, and on dispose), before it
/// truncates the log. On a power loss or a kernel crash the transactions committed since the last checkpoint may
/// therefore be lost, and a log whose pages reached the disk out of order can leave the file damaged; the periodic
/// <see cref="Backup"/> is the recovery path for that case (<see cref="JobStoreCorruptException"/> names it).
/// </remarks>
public sealed partial class LiteDbJobStore : IJobStore, IAccountingStore
{
    internal const string JobsCollection = "jobs";
    private const string EventsCollection = "events";
    private const string MetaCollection = "meta";
    private const string AccountingCollection = "accounting";
    private const string NextJobIdKey = "nextJobId";
    private const string HistoryFormatKey = "historyFormat";
    private const string ValueField = "value";

    private readonly Lock _gate = new();

    // Null after a write failed on the file itself: LiteDB shuts its engine down on any IOException (ENOSPC
    // included), so the next use opens the file again, which replays the confirmed transactions of the log and drops
    // the unconfirmed tail of the failed one.
    private LiteDatabase? _database;
    private ILiteCollection<BsonDocument> _jobs;
    private ILiteCollection<BsonDocument> _events;
    private ILiteCollection<BsonDocument> _meta;

    // The next job id the file holds as last committed: its stored counter, or the id after its last job when that is
    // higher (a commit whose new jobs imply the counter does not write it: that write was a tenth of a submission's
    // commit). Null when unknown (before the first commit, and after any failure, when the file is the only truth).
    private long? _counter;

    // Ids from here up were never stored (from the last snapshot read, moved on by each commit): a job with such an id is
    // new, and is inserted without the lookup an upsert makes first (about a tenth of a submission's cost on the server).
    // Null when unknown (after any failure, until the next snapshot read): every job is then upserted.
    private long? _freshFrom;

    // True for a file written before the owner index was on finished jobs only: its index on every job's owner is kept.
    private bool _ownerIndexOnEveryJob;

    // Open reads every job not finished once to prove the file is readable; the first Load hands that read out instead of
    // repeating it.
    private JobStoreSnapshot? _snapshotFromOpen;

    private LiteDbJobStore(string path, LiteDatabase database)
    {
        DatabasePath = path;
        (_database, _jobs, _events, _meta) = Bind(database);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Opens the job database at <paramref name="path"/>, creating its directory and an empty database when missing,
    /// and reads its jobs not finished and its counter once, so that a damaged file fails here with
    /// <see cref="JobStoreCorruptException"/>. The finished jobs (the history) are not read: a year of them must not
    /// slow the start; a damaged one is met by qstat -x or tracejob, which name it.
    /// </summary>
    public static LiteDbJobStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        LiteDatabase? database = null;
        var stage = "not a readable LiteDB file";
        try
        {
            database = OpenFile(fullPath);
            var store = new LiteDbJobStore(fullPath, database);
            stage = "reading the stored jobs failed";
            store.EnsureIndexes();
            store.IndexHistory();
            store.RollUpUsage();
            store._snapshotFromOpen = store.ReadSnapshot();
            return store;
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            DisposeQuietly(database);
            throw new JobStoreCorruptException(fullPath, $"{stage}: {Describe(ex)}", ex);
        }
        catch
        {
            DisposeQuietly(database);
            throw;
        }
    }

    public JobStoreSnapshot Load()
    {
        lock (_gate)
        {
            if (_snapshotFromOpen is { } snapshot)
            {
                _snapshotFromOpen = null;
                return snapshot;
            }

            try
            {
                EnsureOpen();
                return ReadSnapshot();
            }
            catch (Exception ex) when (IsFileFailure(ex))
            {
                CloseAfterFailure();
                throw new JobStoreCommitException(DatabasePath, $"could not read {DatabasePath} ({Describe(ex)})", ex);
            }
            catch (Exception ex) when (IsDamage(ex))
            {
                throw new JobStoreCorruptException(DatabasePath, $"reading the stored jobs failed: {Describe(ex)}", ex);
            }
        }
    }

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

    /// <summary>The events of one job, oldest first (events with the same time in the order they were appended).</summary>
    public IReadOnlyList<JobEvent> EventsOf(long jobId)
    {
        lock (_gate)
        {
            EnsureOpen();
            return [.. _events.Find(StoreQueries.EventsOf(jobId))
                .OrderBy(EventDocument.UtcTicksOf)
                .ThenBy(d => d["_id"].AsInt64)
                .Select(EventDocument.FromBson)];
        }
    }

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

    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="destinationPath"/>, replacing it atomically: the log
    /// is checkpointed into the data file (which LiteDB fsyncs), the data file is copied to a temporary file beside the
    /// destination, flushed to disk, and renamed over the destination. Commits wait while the copy is made.
    /// </summary>
    public void Backup(string destinationPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var destination = Path.GetFullPath(destinationPath);
        if (string.Equals(destination, DatabasePath, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the backup path {destination} is the database itself: choose another file, e.g. {DatabasePath}.bak", nameof(destinationPath));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = destination + ".tmp";
        try
        {
            lock (_gate)
            {
                EnsureOpen();
                try
                {
                    _database!.Checkpoint();
                }
                catch (Exception ex) when (IsFileFailure(ex))
                {
                    CloseAfterFailure();
                    throw;
                }

                using var source = new FileStream(DatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var target = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
                source.CopyTo(target);
                target.Flush(flushToDisk: true);
            }

            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on this store's database under its lock: the schedule store keeps its collection in
    /// the same file (one LiteDB instance per file, and one transaction at a time on it).
    /// </summary>
    internal T WithDatabase<T>(Func<LiteDatabase, T> work)
    {
        lock (_gate)
        {
            EnsureOpen();
            try
            {
                return work(_database!);
            }
            catch (Exception ex) when (IsFileFailure(ex))
            {
                CloseAfterFailure();
                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            // Closing checkpoints the log into the data file; on a full disk that fails, and the log, still whole,
            // is replayed by the next open instead.
            DisposeQuietly(_database);
            _database = null;
        }
    }

    private static LiteDatabase OpenFile(string path) =>
        new(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });

    private static (LiteDatabase, ILiteCollection<BsonDocument>, ILiteCollection<BsonDocument>, ILiteCollection<BsonDocument>) Bind(LiteDatabase database) =>
        (database, database.GetCollection(JobsCollection, BsonAutoId.Int64), database.GetCollection(EventsCollection, BsonAutoId.Int64), database.GetCollection(MetaCollection));

    /// <summary>Opens the file again after a write failed on it (see <see cref="_database"/>); a no-op while it is open.</summary>
    private void EnsureOpen()
    {
        if (_database is null)
        {
            (_database, _jobs, _events, _meta) = Bind(OpenFile(DatabasePath));
        }
    }

    private void CloseAfterFailure()
    {
        _counter = null;
        _freshFrom = null;
        DisposeQuietly(_database);
        _database = null;
    }

    private JobStoreCommitException Failed(JobStoreBatch batch, Exception ex) => new(
        DatabasePath,
        $"could not write a batch of {batch.Upserts.Count} job(s) and {batch.Events.Count} event(s) to {DatabasePath} ({Describe(ex)}): nothing of it was stored; " +
        (StorageFull.IsFull(ex) ? $"the file system of {Path.GetDirectoryName(DatabasePath)} is full: free space there and retry" : "check the disk (space, permissions) and retry"),
        ex);

    /// <summary>
    /// The event log's job id (tracejob reads one job's events), the jobs' end (the server loads the jobs not finished,
    /// whose end is null, and prunes the history by it) and finished owner (a user's qstat -x), and the accounting
    /// records' end. The state index of older files only cost each commit its upkeep: it is dropped. A file that has the
    /// older index on every job's owner keeps it (building the new one would read its whole history at start) and is
    /// read through it (<see cref="_ownerIndexOnEveryJob"/>).
    /// </summary>
    private void EnsureIndexes()
    {
        _jobs.DropIndex(JobDocument.StateField);
        _jobs.EnsureIndex(JobDocument.EndField);
        _ownerIndexOnEveryJob = _database!.GetCollection("$indexes").FindAll()
            .Any(d => d["collection"] == JobsCollection && d["name"] == JobDocument.OwnerUidField);
        if (!_ownerIndexOnEveryJob)
        {
            _jobs.EnsureIndex(JobDocument.FinishedOwnerField, JobDocument.FinishedOwnerKeys);
        }

        _events.EnsureIndex(EventDocument.JobIdField);
        _database!.GetCollection(AccountingCollection).EnsureIndex(AccountingDocument.EndField);
    }

    private JobStoreSnapshot ReadSnapshot()
    {
        var jobs = _jobs.Find(Query.EQ(JobDocument.EndField, BsonValue.Null)).Select(JobDocument.FromBson).ToList();
        jobs.Sort((a, b) => a.Id.CompareTo(b.Id));

        var next = NextIdOfFile();
        _freshFrom = next;
        return new JobStoreSnapshot(jobs, next);
    }

    private long ReadCounter()
    {
        var document = _meta.FindById(NextJobIdKey);
        if (document is null)
        {
            return 1;
        }

        return document[ValueField] is { IsInt64: true } value
            ? value.AsInt64
            : throw new InvalidDataException($"the {NextJobIdKey} counter is {document[ValueField]}, not a number");
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

            _jobs.Upsert(changed);
            _jobs.Insert(added);
        }
        else
        {
            _jobs.Upsert(jobs);
        }
        _events.Insert(batch.Events.Select(EventDocument.ToBson));

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

    /// <summary>The next id the file holds: its stored counter, or the id after its last job when that is higher.</summary>
    private long NextIdOfFile()
    {
        // The largest id through the _id index: a finished job may be the last one handed out.
        var last = _jobs.Find(Query.All(Query.Descending), 0, 1).FirstOrDefault();
        var afterLastJob = last is not null && last["_id"].IsInt64 ? last["_id"].AsInt64 + 1 : 1;
        return Math.Max(Math.Max(ReadCounter(), afterLastJob), 1);
    }

    /// <summary>The file could not be read or written (full disk, I/O error): LiteDB has shut its engine down.</summary>
    private static bool IsFileFailure(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e is IOException and not EndOfStreamException and not FileNotFoundException || e is LiteException { ErrorCode: LiteException.ENGINE_DISPOSED })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Failures that mean the file's content is bad, as opposed to the file being unreachable.</summary>
    private static bool IsDamage(Exception ex) => ex switch
    {
        UnauthorizedAccessException => false,
        DirectoryNotFoundException => false,
        EndOfStreamException => true,
        IOException => false,
        _ => true,
    };

    private static string Describe(Exception ex) =>
        ex.Message.ReplaceLineEndings(" ").TrimEnd('.');

    private static void DisposeQuietly(LiteDatabase? database)
    {
        try
        {
            database?.Dispose();
        }
        catch (Exception e) when (e is LiteException or IOException or ObjectDisposedException)
        {
            // Closing a damaged file, or one on a full disk, may fail again; the first error is the one reported.
        }
    }
}
