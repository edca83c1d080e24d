using System.Collections.Concurrent;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// The jobs published with a change not yet stored (<see cref="WorkingSet.PutUnsaved"/>), and the events of those
/// changes: stored with the job's next write, at a clean stop, and, for a job kept with a timed change (a dispatch, a
/// start), once that change is older than <see cref="JobQueue.UnsavedStartLimit"/>. Changed only by the queue's writer;
/// the held events are also read by tracejob (<see cref="EventsOf"/>) while the writer runs.
/// </summary>
/// <remarks>
/// Timed jobs are kept in the order they were first kept, so finding the ones due looks only at the oldest; a job kept
/// for its wait reason alone is never due, so a queue of 100,000 waiting jobs is neither walked nor rewritten.
/// </remarks>
internal sealed class UnsavedJobs
{
    private readonly HashSet<long> _kept = [];
    private readonly Dictionary<long, long> _since = [];   // the timed ones, with when their timed change was kept
    private readonly Queue<(long Id, long Since)> _order = new();
    private readonly ConcurrentDictionary<long, JobEvent[]> _events = new();

    public int Count => _kept.Count;

    /// <summary>The events kept for job <paramref name="id"/>, oldest first (empty when none).</summary>
    public IReadOnlyList<JobEvent> EventsOf(long id) => _events.TryGetValue(id, out var held) ? held : [];

    /// <summary>After a commit (or a publish alone): what the group stored is no longer kept, what it kept in memory is.</summary>
    /// <param name="now">A timestamp of the queue's clock.</param>
    public void Track(WorkingSet working, long now)
    {
        foreach (var job in working.Upserts)
        {
            _kept.Remove(job.Id);
            _since.Remove(job.Id);
            _events.TryRemove(job.Id, out _);
        }

        foreach (var job in working.Unsaved)
        {
            _kept.Add(job.Id);
            if (working.IsTimed(job.Id) && _since.TryAdd(job.Id, now))
            {
                _order.Enqueue((job.Id, now));
            }
        }

        foreach (var (id, events) in working.UnsavedEvents)
        {
            _events.AddOrUpdate(id, _ => [.. events], (_, held) => [.. held, .. events]);
        }
    }

    /// <summary>The timed ids kept at least <paramref name="limit"/>, oldest first (every kept id with <paramref name="all"/>).</summary>
    public List<long> Due(Func<long, TimeSpan> age, TimeSpan limit, bool all)
    {
        if (all)
        {
            return [.. _kept];
        }

        var due = new List<long>();
        while (_order.TryPeek(out var head))
        {
            if (!_since.TryGetValue(head.Id, out var since) || since != head.Since)
            {
                _order.Dequeue();   // stored since, or kept again later
                continue;
            }

            if (age(since) < limit)
            {
                break;
            }

            _order.Dequeue();
            due.Add(head.Id);
        }

        return due;
    }

    /// <summary>How long until the oldest timed job is due (zero when it is; null when none is kept timed).</summary>
    public TimeSpan? UntilDue(Func<long, TimeSpan> age, TimeSpan limit)
    {
        while (_order.TryPeek(out var head))
        {
            if (_since.TryGetValue(head.Id, out var since) && since == head.Since)
            {
                var left = limit - age(since);
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }

            _order.Dequeue();
        }

        return null;
    }

    /// <summary>Forgets job <paramref name="id"/> (it cannot be written: it left the queue).</summary>
    public void Forget(long id)
    {
        _kept.Remove(id);
        _since.Remove(id);
        _events.TryRemove(id, out _);
    }

    /// <summary>Forgets everything kept (the queue reloads from the store, which has none of it).</summary>
    public void Clear()
    {
        _kept.Clear();
        _since.Clear();
        _order.Clear();
        _events.Clear();
    }
}
