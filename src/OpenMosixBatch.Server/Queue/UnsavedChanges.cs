using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// The queue writer's bookkeeping of changes published and not yet stored (<see cref="WorkingSet.PutUnsaved"/>): which
/// jobs are kept (<see cref="UnsavedJobs"/>), which of them a group must write, and the <see cref="FlushCommand"/> the
/// writer queues for itself when the oldest kept dispatch or start is due. Used only by the writer, but for
/// <see cref="EventsOf"/> (tracejob).
/// </summary>
internal sealed class UnsavedChanges(TimeProvider time, Func<QueueCommand, bool> post)
{
    // Jobs published with a change not yet stored (WorkingSet.PutUnsaved), with the events of those changes: stored
    // with the job's next write, at a clean stop, and for a dispatch or start once older than UnsavedStartLimit (a
    // FlushCommand the writer queues for itself); a wait reason has no limit.
    private readonly UnsavedJobs _unsaved = new();
    private bool _flushQueued;

    /// <summary>The events kept for job <paramref name="id"/>, oldest first (empty when none).</summary>
    public IReadOnlyList<JobEvent> EventsOf(long id) => _unsaved.EventsOf(id);

    /// <summary>
    /// Adds to the group the jobs kept with a dispatch or start that waited <see cref="JobQueue.UnsavedStartLimit"/>
    /// (every kept job when the group holds a flush of all).
    /// </summary>
    public void WriteDue(WorkingSet working, List<QueueCommand> group)
    {
        var flush = group.OfType<FlushCommand>().ToList();
        _flushQueued &= flush.Count == 0;
        WriteDueUnsaved(working, flush.Any(f => f.All));
    }

    /// <summary>Adds to the group the jobs kept with a dispatch or start that waited <see cref="JobQueue.UnsavedStartLimit"/> (every kept job with <paramref name="all"/>).</summary>
    private void WriteDueUnsaved(WorkingSet working, bool all)
    {
        if (_unsaved.Count == 0)
        {
            return;
        }

        var now = time.GetTimestamp();
        foreach (var id in _unsaved.Due(since => time.GetElapsedTime(since, now), JobQueue.UnsavedStartLimit, all))
        {
            var job = working.Find(id);
            if (job is null)
            {
                _unsaved.Forget(id);
            }
            else if (!job.State.IsFinished())
            {
                working.Put(job, null);
            }
        }
    }

    /// <summary>After a publish: what the group stored is no longer kept, what it kept in memory is.</summary>
    public void Track(WorkingSet working)
    {
        _unsaved.Track(working, time.GetTimestamp());
    }

    /// <summary>Queues a flush for when the oldest job kept in memory is due, unless one is queued.</summary>
    public void ScheduleFlush()
    {
        var now = time.GetTimestamp();
        if (!_flushQueued && _unsaved.UntilDue(since => time.GetElapsedTime(since, now), JobQueue.UnsavedStartLimit) is { } wait)
        {
            _flushQueued = true;
            _ = FlushLaterAsync(wait);
        }
    }

    private async Task FlushLaterAsync(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time).ConfigureAwait(false);
        }

        post(new FlushCommand(all: false));
    }

    /// <summary>Forgets everything kept (the queue reloads from the store, which has none of it).</summary>
    public void Clear() => _unsaved.Clear();
}
