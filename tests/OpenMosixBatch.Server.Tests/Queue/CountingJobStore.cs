using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>
/// An in-memory store that counts commits and can be told to fail them (a full disk, a broken file), or to take as
/// long as an fsync does, so that requests arrive while a commit is in flight.
/// </summary>
internal sealed class CountingJobStore : IJobStore
{
    private readonly InMemoryJobStore _inner = new();
    private readonly ManualResetEventSlim _never = new();
    private readonly SemaphoreSlim _permits = new(0);
    private volatile bool _held;
    private int _commits;
    private int _entered;
    private int _submittedJobs;
    private int _jobWrites;

    public int Commits => Volatile.Read(ref _commits);

    /// <summary>Commits begun so far, including one waiting at the gate (<see cref="HoldCommits"/>).</summary>
    public int CommitsEntered => Volatile.Read(ref _entered);

    /// <summary>From now on every commit waits, before it stores anything, until <see cref="AllowCommits"/> lets it through.</summary>
    public void HoldCommits() => _held = true;

    /// <summary>Lets <paramref name="count"/> held commits through, one each.</summary>
    public void AllowCommits(int count) => _permits.Release(count);

    /// <summary>Jobs stored by the commits so far (inserted, not replaced).</summary>
    public int StoredJobs => Volatile.Read(ref _submittedJobs);

    /// <summary>Job records written by the commits so far (inserted or replaced), as omb_store_job_writes_total counts them.</summary>
    public int JobWrites => Volatile.Read(ref _jobWrites);

    public bool Fail { get; set; }

    /// <summary>Fail as the kernel does when the file system is full: an IOException carrying ENOSPC (28).</summary>
    public bool FailAsFull { get; set; }

    /// <summary>Store the batch, then fail: a transaction confirmed in the log before a later step of the commit failed.</summary>
    public bool FailAfterStoring { get; set; }

    /// <summary>
    /// The largest job this store takes, as <see cref="Core.Jobs.StoredJobSize"/> bounds it; a larger one refuses its
    /// batch as LiteDB refuses a document over its maximum (null: no limit).
    /// </summary>
    public long? MaxJobBytes { get; set; }

    /// <summary>How long each commit blocks, like the fsync of a real database.</summary>
    public TimeSpan CommitDuration { get; set; }

    public JobStoreSnapshot Load() => _inner.Load();

    /// <summary>Every event stored so far, in order.</summary>
    public IReadOnlyList<JobEvent> Events => _inner.Events;

    public IReadOnlyList<JobEvent> EventsOf(long jobId) => _inner.EventsOf(jobId);

    public Core.Jobs.Job? Find(long jobId) => _inner.Find(jobId);

    public IEnumerable<Core.Jobs.Job> FinishedJobs(uint? ownerUid) => _inner.FinishedJobs(ownerUid);

    public IReadOnlyList<Core.Jobs.Job> LatestFinished(int max) => _inner.LatestFinished(max);

    public int PruneFinishedBefore(DateTimeOffset before, int max) => _inner.PruneFinishedBefore(before, max);

    public void Commit(JobStoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Fail)
        {
            throw new IOException("No space left on device");
        }

        if (FailAsFull)
        {
            throw new IOException("No space left on device : '/srv/omb/omb-log.db'", 28);
        }

        foreach (var job in batch.Upserts)
        {
            if (Core.Jobs.StoredJobSize.UpperBound(job.Spec) is var bytes && bytes > MaxJobBytes)
            {
                throw new JobTooLargeToStoreException(job.Id, bytes, MaxJobBytes.Value);
            }
        }

        Interlocked.Increment(ref _entered);
        if (_held)
        {
            // Blocks the writer in the middle of its commit, as a slow disk would, until the test lets it through.
            _permits.Wait();
        }

        if (CommitDuration > TimeSpan.Zero)
        {
            // Blocks the writer the way a disk does; the event is never set.
            _never.Wait(CommitDuration);
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _jobWrites, batch.Upserts.Count);
        Interlocked.Add(ref _submittedJobs, batch.Upserts.Count(j => _inner.Find(j.Id) is null));
        _inner.Commit(batch);
        if (FailAfterStoring)
        {
            throw new IOException("No space left on device (after the log write, in the checkpoint)", 28);
        }
    }

    public void Dispose()
    {
        _never.Dispose();
        _permits.Dispose();
        _inner.Dispose();
    }
}
