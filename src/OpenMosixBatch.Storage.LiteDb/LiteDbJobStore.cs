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

    /// <summary>The next id the file holds: its stored counter, or the id after its last job when that is higher.</summary>
    private long NextIdOfFile()
    {
        // The largest id through the _id index: a finished job may be the last one handed out.
        var last = _jobs.Find(Query.All(Query.Descending), 0, 1).FirstOrDefault();
        var afterLastJob = last is not null && last["_id"].IsInt64 ? last["_id"].AsInt64 + 1 : 1;
        return Math.Max(Math.Max(ReadCounter(), afterLastJob), 1);
    }
}
