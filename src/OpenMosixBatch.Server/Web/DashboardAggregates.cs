using System.Collections.Concurrent;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Web;

/// <summary>
/// What the dashboard's polls read that walks every job: the job counts and the moves (overview and migration pages), and
/// each user's job list. Each is computed at most once per <see cref="MaxAge"/> however many pages poll, and kept while
/// the queue is unchanged, so that a dashboard open on a queue of 10,000 jobs costs the server one pass a second at
/// most, not one for every page every two seconds (docs/benchmarks.md has the measured cost).
/// </summary>
/// <remarks>
/// A figure may lag the queue by up to <see cref="MaxAge"/>; the pages poll every 2 s, so a viewer does not see it.
/// The per-node figures (pbsnodes' views) are not cached: they read only the running jobs, as omb top does.
/// </remarks>
public sealed class DashboardAggregates
{
    /// <summary>How long a computed figure is served while the queue changes under it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    /// <summary>How long a figure is served while the queue does not change (the moves' one-hour window moves on).</summary>
    public static readonly TimeSpan MaxAgeUnchanged = TimeSpan.FromSeconds(30);

    /// <summary>The job lists kept at once (one per user who polls the jobs page); older ones are dropped beyond it.</summary>
    private const int MaxJobLists = 64;

    private readonly Func<QueueState> _state;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<uint, Entry<JobsView>> _jobs = new();
    private Entry<(JobCounts Counts, MoveLog Moves)>? _aggregate;

    /// <param name="state">The queue's latest snapshot.</param>
    /// <param name="time">The server's clock.</param>
    /// <param name="window">How far back the migration page lists finished moves.</param>
    public DashboardAggregates(Func<QueueState> state, TimeProvider time, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(time);
        _state = state;
        _time = time;
        _window = window;
    }

    /// <summary>How many times the counts and moves were computed (a walk over every job each).</summary>
    public int Computations { get; private set; }

    /// <summary>The job counts and the moves of a recent snapshot.</summary>
    public (JobCounts Counts, MoveLog Moves) Current()
    {
        var state = _state();
        var now = _time.GetUtcNow();
        if (Volatile.Read(ref _aggregate) is { } hit && hit.IsFresh(state, now))
        {
            return hit.Value;
        }

        lock (_gate)
        {
            if (_aggregate is { } again && again.IsFresh(state, now))
            {
                return again.Value;
            }

            Computations++;
            var entry = new Entry<(JobCounts, MoveLog)>(state, now, (DashboardViews.Counts(state), DashboardViews.MoveLog(state, now, _window)));
            Volatile.Write(ref _aggregate, entry);
            return entry.Value;
        }
    }

    /// <summary>The jobs page of <paramref name="caller"/>, from <paramref name="build"/> at most once per <see cref="MaxAge"/>.</summary>
    public JobsView JobsOf(Caller caller, Func<QueueState, DateTimeOffset, JobsView> build)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(build);
        var state = _state();
        var now = _time.GetUtcNow();
        if (_jobs.TryGetValue(caller.Uid, out var hit) && hit.IsFresh(state, now) && hit.Value.Session == DashboardViews.Session(caller))
        {
            return hit.Value;
        }

        if (_jobs.Count >= MaxJobLists)
        {
            foreach (var (uid, old) in _jobs.Where(e => now - e.Value.Taken >= MaxAge).ToList())
            {
                _jobs.TryRemove(new KeyValuePair<uint, Entry<JobsView>>(uid, old));
            }
        }

        var view = build(state, now);
        _jobs[caller.Uid] = new Entry<JobsView>(state, now, view);
        return view;
    }

    private sealed record Entry<T>(QueueState State, DateTimeOffset Taken, T Value)
    {
        public bool IsFresh(QueueState state, DateTimeOffset now) =>
            now - Taken < MaxAge || (ReferenceEquals(State, state) && now - Taken < MaxAgeUnchanged);
    }
}
