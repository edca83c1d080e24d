using System.Collections.Immutable;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Server.Queue;

/// <summary>The writer's scratch copy during one group commit: changes land here, then in the store, then are published.</summary>
/// <param name="pool">Shares the values of every new or changed job specification with the jobs already held.</param>
internal sealed class WorkingSet(QueueState state, JobValuePool pool)
{
    private readonly ImmutableSortedDictionary<long, Job>.Builder _jobs = state.Jobs.ToBuilder();
    private readonly QueueIndexBuilder _index = state.Index.ToBuilder();
    private readonly Dictionary<long, Job> _upserts = [];
    private readonly List<JobEvent> _events = [];

    public long NextJobId { get; set; } = state.NextJobId;

    /// <summary>True when a job finished or a job with dependencies arrived: waiting jobs must be looked at again.</summary>
    public bool DependenciesMayHaveChanged { get; private set; }

    public bool Changed => _upserts.Count > 0 || _events.Count > 0 || NextJobId != state.NextJobId;

    public Job? Find(long id) => _jobs.GetValueOrDefault(id);

    public IEnumerable<Job> Jobs => _jobs.Values;

    public void Put(Job job, JobEvent? evt)
    {
        var previous = _jobs.GetValueOrDefault(job.Id);
        job = pool.Share(job, previous);
        _index.Replace(previous, job);
        _jobs[job.Id] = job;
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

    public QueueState ToState() => new(_jobs.ToImmutable(), NextJobId, state.Version + 1, _index.ToIndex());
}
