using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Storage;

/// <summary>
/// The durable record of the queue. The server keeps the live queue (the jobs not finished) in memory and writes every
/// change through this port; a change counts as made (and may be acknowledged) only once <see cref="Commit"/> returned.
/// A finished job lives in the store only (its history), found by <see cref="Find"/> and <see cref="FinishedJobs"/>
/// until <see cref="PruneFinishedBefore"/> deletes it.
/// </summary>
public interface IJobStore : IDisposable
{
    /// <summary>Reads every stored job that has not finished, and the next job id to hand out.</summary>
    JobStoreSnapshot Load();

    /// <summary>The stored job <paramref name="jobId"/>, finished or not; null when the store has none.</summary>
    Job? Find(long jobId);

    /// <summary>
    /// The stored finished jobs (qstat -x), in id order, of the owner <paramref name="ownerUid"/> only when given. Read
    /// lazily: enumerate it on one thread, and do not hold it across a commit on the same thread.
    /// </summary>
    IEnumerable<Job> FinishedJobs(uint? ownerUid);

    /// <summary>The <paramref name="max"/> finished jobs that ended last, the last first (the dashboard's recent jobs).</summary>
    IReadOnlyList<Job> LatestFinished(int max);

    /// <summary>
    /// Deletes at most <paramref name="max"/> finished jobs that ended (<see cref="JobEnd.Of"/>) before
    /// <paramref name="before"/>, with their events, in one transaction; returns how many it deleted.
    /// </summary>
    int PruneFinishedBefore(DateTimeOffset before, int max);

    /// <summary>
    /// Writes one batch atomically (one transaction): all of it survives a crash, or none of it. Throws
    /// <see cref="JobTooLargeToStoreException"/>, having written nothing, when one job is larger than the store's largest record.
    /// </summary>
    void Commit(JobStoreBatch batch);

    /// <summary>
    /// The committed events of one job, oldest first (events with the same time in the order they were appended):
    /// its history for tracejob. Empty for a job with none.
    /// </summary>
    IReadOnlyList<JobEvent> EventsOf(long jobId);
}

/// <summary>What the store holds: every job not finished, and the next free job id.</summary>
public sealed record JobStoreSnapshot(IReadOnlyList<Job> Jobs, long NextJobId);

/// <summary>One atomic write: jobs inserted or replaced, events appended, and the id counter.</summary>
public sealed record JobStoreBatch(IReadOnlyList<Job> Upserts, IReadOnlyList<JobEvent> Events, long NextJobId);

/// <summary>An entry of the append-only job event log (submitted, held, released, deleted, started, …).</summary>
/// <param name="Wait">For a <see cref="WaitReasonChanges.EventKind"/> event, the kind of the new reason (typed; the detail is its text).</param>
public sealed record JobEvent(long JobId, DateTimeOffset Time, string Kind, string Detail, WaitKind? Wait = null);
