using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Server.Queue;

/// <summary>The queue's reads of jobs and events beyond the published snapshot: finished jobs and history, from the store.</summary>
public sealed partial class JobQueue
{
    /// <summary>The job <paramref name="id"/>: from the snapshot while it is not finished, else from the store (its history).</summary>
    public Job? Find(long id) => State.Jobs.GetValueOrDefault(id) ?? _store.Find(id);

    /// <summary>
    /// The job's history (tracejob): the stored events and those kept in memory with a change not yet stored, by time.
    /// The kept ones are read first: one stored meanwhile is then read twice and counted once, never missed. The
    /// submission is the one the job implies (<see cref="SubmittedEvent"/>), unless the store holds it as an event.
    /// </summary>
    public IReadOnlyList<JobEvent> EventsOf(long id)
    {
        var held = _unsaved.EventsOf(id);
        var stored = _store.EventsOf(id);
        if (held.Count == 0)
        {
            return SubmittedEvent.Complete(Find(id), stored);
        }

        var seen = stored.ToHashSet();
        return SubmittedEvent.Complete(Find(id), [.. stored.Concat(held.Where(e => !seen.Contains(e))).OrderBy(e => e.Time)]);
    }

    /// <summary>The stored finished jobs (qstat -x) in id order, of the owner <paramref name="ownerUid"/> only when given.</summary>
    public IEnumerable<Job> FinishedJobs(uint? ownerUid) => _store.FinishedJobs(ownerUid);
}
