using System.Collections.Immutable;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Server.Queue;

/// <summary>The writer's scratch copy during one group commit: changes land here, then in the store, then are published.</summary>
/// <param name="pool">Shares the values of every new or changed job specification with the jobs already held.</param>
/// <param name="history">
/// A finished job by id from the store: the queue holds only the jobs not finished, so a dependency on, or a request
/// about, a finished job finds it there.
/// </param>
/// <param name="held">
/// The events kept in memory for a job by earlier groups (<see cref="UnsavedJobs"/>): stored with the job's next write.
/// </param>
/// <remarks>
/// A job that finishes leaves the queue with this group's commit (it is written to the store with it, and lives there
/// only); until then <see cref="Find"/> still finds it, so a later request of the same group sees its end.
/// </remarks>
internal sealed class WorkingSet(QueueState state, JobValuePool pool, Func<long, Job?> history, Func<long, IReadOnlyList<JobEvent>>? held = null)
{
    private readonly ImmutableSortedDictionary<long, Job>.Builder _jobs = state.Jobs.ToBuilder();
    private readonly QueueIndexBuilder _index = state.Index.ToBuilder();
    private readonly Dictionary<long, Job> _upserts = [];
    private readonly Dictionary<long, Job> _ended = [];
    private readonly List<JobEvent> _events = [];

    // Jobs changed in memory only (PutUnsaved): published with this group, written with a later one.
    private readonly Dictionary<long, Job> _unsaved = [];
    private readonly Dictionary<long, List<JobEvent>> _unsavedEvents = [];

    // Of those, the ones kept with a change that must be stored within the limit (a dispatch, a start).
    private readonly HashSet<long> _timed = [];

    public long NextJobId { get; set; } = state.NextJobId;

    /// <summary>True when a job finished or a job with dependencies arrived: waiting jobs must be looked at again.</summary>
    public bool DependenciesMayHaveChanged { get; private set; }

    public bool Changed => _upserts.Count > 0 || _events.Count > 0 || NextJobId != state.NextJobId;

    /// <summary>The job <paramref name="id"/>: in the queue, finished in this group, or finished before (from the store).</summary>
    public Job? Find(long id) =>
        _jobs.GetValueOrDefault(id) ?? _ended.GetValueOrDefault(id) ?? (history(id) is { } stored && stored.State.IsFinished() ? stored : null);

    /// <summary>The jobs not finished.</summary>
    public IEnumerable<Job> Jobs => _jobs.Values;

    /// <summary>The jobs not finished that wait for their dependencies, from the index (no walk of the queue).</summary>
    public List<Job> Dependent() => [.. _index.Dependent.Select(id => _jobs[id])];

    /// <summary>The jobs this group has written, as they will be stored.</summary>
    public IReadOnlyCollection<Job> Upserts => _upserts.Values;

    /// <summary>The jobs this group changed in memory only (<see cref="PutUnsaved"/>), as they are published.</summary>
    public IReadOnlyCollection<Job> Unsaved => _unsaved.Values;

    /// <summary>True when job <paramref name="id"/> was kept with a change that must be stored within the limit.</summary>
    public bool IsTimed(long id) => _timed.Contains(id);

    /// <summary>The events of the changes this group kept in memory, per job, oldest first.</summary>
    public IReadOnlyDictionary<long, List<JobEvent>> UnsavedEvents => _unsavedEvents;

    /// <summary>True when the group has something to publish: a change to store, or one kept in memory.</summary>
    public bool Publishes => Changed || _unsaved.Count > 0;

    /// <summary>Every job this group changed, stored or kept in memory: what the queue's listeners hear.</summary>
    public IReadOnlyCollection<Job> Published => _unsaved.Count == 0 ? _upserts.Values : [.. _upserts.Values, .. _unsaved.Values];

    /// <summary>
    /// Changes a job in the published state without a write of its own: the writer keeps it and stores it with the job's
    /// next write, once it waited <see cref="JobQueue.UnsavedStartLimit"/>, or at a clean stop. Only for a change whose
    /// loss in a crash loses no job and no decision, and that the world reports again when it attaches (a plain task's
    /// start, see <see cref="TaskEventsCommand"/>; a dispatch the world reports as it attaches, see
    /// <see cref="DispatchCommand"/>; a wait reason, which the next pass finds again). Its event
    /// <paramref name="evt"/> is kept with it and stored with the job's next write. A job this group writes anyway is
    /// written with it.
    /// </summary>
    /// <param name="timed">
    /// False for a change that may wait for the job's next write however long that takes (a wait reason: a waiting job
    /// is then written twice in its life, when submitted and when it ends, however long it waits).
    /// </param>
    public void PutUnsaved(Job job, JobEvent? evt = null, bool timed = true)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (_upserts.ContainsKey(job.Id) || job.State.IsFinished())
        {
            Put(job, evt);
            return;
        }

        if (evt is not null)
        {
            if (!_unsavedEvents.TryGetValue(job.Id, out var events))
            {
                _unsavedEvents[job.Id] = events = [];
            }

            events.Add(evt);
        }

        if (timed)
        {
            _timed.Add(job.Id);
        }

        var previous = _jobs.GetValueOrDefault(job.Id);
        job = pool.Share(job, previous);
        _index.Replace(previous, job);
        _jobs[job.Id] = job;
        _unsaved[job.Id] = job;
    }

    public void Put(Job job, JobEvent? evt)
    {
        _unsaved.Remove(job.Id);
        _timed.Remove(job.Id);
        if (!_upserts.ContainsKey(job.Id) && held?.Invoke(job.Id) is { Count: > 0 } earlier)
        {
            _events.AddRange(earlier);
        }

        if (_unsavedEvents.Remove(job.Id, out var kept))
        {
            _events.AddRange(kept);
        }

        var previous = _jobs.GetValueOrDefault(job.Id);
        job = pool.Share(job, previous);
        _index.Replace(previous, job);
        if (job.State.IsFinished())
        {
            _jobs.Remove(job.Id);
            _ended[job.Id] = job;
        }
        else
        {
            _jobs[job.Id] = job;
        }

        _upserts[job.Id] = job;
        DependenciesMayHaveChanged |= job.State.IsFinished() || !job.DependenciesMet;
        if (evt is not null)
        {
            _events.Add(evt);
        }
    }

    /// <summary>
    /// Applies <see cref="TaskRunRules.Lost"/> to every active task <paramref name="lost"/> selects (requeued when
    /// rerunnable, else failed), with the reason <paramref name="why"/> gives for it; returns how many it changed.
    /// </summary>
    /// <param name="worldNodes">The nodes of a world that attached: a task dispatched to them whose start was never
    /// reported is queued again as never started (<see cref="TaskRunRules.StartOrderLost"/>, for
    /// <paramref name="unstartedWhy"/>); null when no world attached.</param>
    public int LoseActiveTasks(Func<Job, JobTask, bool> lost, Func<JobTask, string> why, DateTimeOffset now, IReadOnlySet<string>? worldNodes = null, string? unstartedWhy = null)
    {
        var count = 0;
        foreach (var job in _jobs.Values.Where(j => j.Tasks.Any(t => t.State.IsActive())).ToList())
        {
            var current = job;
            foreach (var task in job.Tasks.Where(t => t.State.IsActive() && lost(job, t)))
            {
                var unstarted = worldNodes is null ? null : TaskRunRules.StartOrderLost(current, task.Index, worldNodes, unstartedWhy ?? "its start order was lost", now);
                if ((unstarted ?? TaskRunRules.Lost(current, task.Index, why(task), now)) is { Ok: true } t)
                {
                    current = t.Job!;
                    Put(current, t.Event);
                    count++;
                }
            }
        }

        return count;
    }

    public JobStoreBatch ToBatch() => new([.. _upserts.Values], [.. _events], NextJobId);

    public QueueState ToState() => new(_jobs.ToImmutable(), NextJobId, state.Version + 1, _index.ToIndex())
    {
        RecentlyFinished = Recent(),
    };

    /// <summary>The jobs ended in this group before the ones ended earlier, the last first, at most <see cref="QueueState.RecentCount"/>.</summary>
    private ImmutableList<Job> Recent()
    {
        if (_ended.Count == 0)
        {
            return state.RecentlyFinished;
        }

        var recent = state.RecentlyFinished.InsertRange(0, _ended.Values.OrderByDescending(j => JobEnd.Of(j)).ThenByDescending(j => j.Id));
        return recent.Count > QueueState.RecentCount ? recent.RemoveRange(QueueState.RecentCount, recent.Count - QueueState.RecentCount) : recent;
    }
}
