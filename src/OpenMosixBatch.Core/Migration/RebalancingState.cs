using System.Collections.Immutable;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// What the rebalancing step remembers between ticks: which task was started where and since when, the moves in
/// flight, the tunables and offline nodes in force (none before the first Tune: nothing is planned until then), and
/// the stays last reported. Immutable: every observation and every <see cref="RebalancingPolicy.Decide"/> returns the
/// next state.
/// </summary>
public sealed record RebalancingState
{
    /// <summary>A world just started: nothing routed, no tunables yet.</summary>
    public static RebalancingState Empty { get; } = new();

    /// <summary>The tasks started in this world, by key, as of their latest start.</summary>
    public ImmutableDictionary<TaskKey, RoutedTask> Tasks { get; init; } = ImmutableDictionary<TaskKey, RoutedTask>.Empty;

    /// <summary>Moves ordered and not restarted yet.</summary>
    public ImmutableDictionary<TaskKey, InFlightMove> InFlight { get; init; } = ImmutableDictionary<TaskKey, InFlightMove>.Empty;

    /// <summary>The tunables of the last Tune, or null before the first.</summary>
    public MigrationTuning? Tuning { get; init; }

    /// <summary>Nodes an administrator took offline or expelled: their migratable tasks leave, none arrive.</summary>
    public ImmutableHashSet<string> Offline { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The stay last reported per task (see <see cref="StayReasons"/>).</summary>
    public ImmutableDictionary<TaskKey, ReportedStay> Reported { get; init; } = ImmutableDictionary<TaskKey, ReportedStay>.Empty;

    /// <summary>
    /// A start was routed (a first start, a restart after a checkpoint, or a move's restart on its target): the task
    /// runs on <paramref name="node"/> from <paramref name="now"/>, any move of it is over, and a start on another node
    /// than the last is a move (its cool-down starts). The first start's node is its home.
    /// </summary>
    /// <param name="job">The job, for its checkpoint policy, migratability and walltime.</param>
    /// <param name="taskIndex">Array index, or 0.</param>
    /// <param name="node">The node of its (first) chunk.</param>
    /// <param name="now">When the start was routed.</param>
    /// <param name="restoreBytes">The size of the checkpoint it restarts from, when it does.</param>
    public RebalancingState Started(Job job, int taskIndex, string node, DateTimeOffset now, long? restoreBytes = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(node);
        var key = new TaskKey(job.Id, taskIndex);
        var task = Tasks.TryGetValue(key, out var known)
            ? known with
            {
                Job = job,
                Node = node,
                LastMovedAt = known.Node == node ? known.LastMovedAt : now,
                LastStarted = now,
                CheckpointBytes = restoreBytes ?? known.CheckpointBytes,
            }
            : new RoutedTask(job, taskIndex, node, node, now, null, restoreBytes ?? 0);
        return this with { Tasks = Tasks.SetItem(key, task), InFlight = InFlight.Remove(key) };
    }

    /// <summary>
    /// A move was ordered (by the planner, an administrator's <c>omb migrate</c>, or an eviction): the task is not
    /// planned again until it restarts or the order expires, and <paramref name="target"/>, when known, counts as busy
    /// with it meanwhile.
    /// </summary>
    public RebalancingState MoveOrdered(TaskKey key, DateTimeOffset now, string? target = null) =>
        this with { InFlight = InFlight.SetItem(key, new InFlightMove(now, target)) };

    /// <summary>The task ended or was killed: it is forgotten.</summary>
    public RebalancingState Ended(TaskKey key) => this with { Tasks = Tasks.Remove(key), InFlight = InFlight.Remove(key) };

    /// <summary>New tunables and offline nodes are in force.</summary>
    public RebalancingState Tuned(MigrationTuning tuning, IEnumerable<string> offline)
    {
        ArgumentNullException.ThrowIfNull(tuning);
        ArgumentNullException.ThrowIfNull(offline);
        return this with { Tuning = tuning, Offline = ImmutableHashSet.CreateRange(StringComparer.Ordinal, offline) };
    }

    /// <summary>
    /// Forgets moves in flight longer than <paramref name="limit"/> (dropped, or the target never started the task) and
    /// tasks that are in no node's load any more (ended) unless a move is in flight or they started within the limit
    /// (a restart the loads do not show yet).
    /// </summary>
    public RebalancingState Expire(IReadOnlyList<NodeLoad> loads, DateTimeOffset now, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var present = Present(loads);
        var inFlight = InFlight.RemoveRange(InFlight.Where(p => now - p.Value.At > limit).Select(p => p.Key));
        var tasks = Tasks.RemoveRange(Tasks.Where(p => !present.Contains(p.Key) && !inFlight.ContainsKey(p.Key) && now - p.Value.LastStarted > limit)
            .Select(p => p.Key));
        return tasks == Tasks && inFlight == InFlight ? this : this with { Tasks = tasks, InFlight = inFlight };
    }

    /// <summary>The tasks the planner may consider: started in this world and present in the loads, with whether a move is in flight.</summary>
    public IReadOnlyList<(RoutedTask Task, bool InFlight)> Routed(IReadOnlyList<NodeLoad> loads)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var present = Present(loads);
        return [.. Tasks.Where(p => present.Contains(p.Key)).Select(p => (p.Value, InFlight.ContainsKey(p.Key)))];
    }

    /// <summary>
    /// Tasks on their way to a node that the loads do not show there yet: moves in flight (still on their source, or
    /// between checkpoint and restart) and restarts not yet sampled. Without them the next tick sees the target idle
    /// and sends it a second task.
    /// </summary>
    public IReadOnlyList<ExpectedArrival> Arrivals(IReadOnlyList<NodeLoad> loads, DateTimeOffset now, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var where = new Dictionary<TaskKey, string>();
        foreach (var load in loads)
        {
            foreach (var t in load.Tasks)
            {
                where[new TaskKey(t.JobId, t.TaskIndex)] = load.Node;
            }
        }

        var arrivals = new List<ExpectedArrival>();
        foreach (var (key, task) in Tasks)
        {
            // A restart the loads do not show yet: not sampled on its node, or still shown where it left, since the
            // loads a tick carries were sampled before the task moved.
            var target = InFlight.TryGetValue(key, out var flight) && now - flight.At <= limit ? flight.Target
                : now - task.LastStarted <= limit ? task.Node
                : null;
            if (target is not null && (!where.TryGetValue(key, out var node) || !string.Equals(node, target, StringComparison.Ordinal)))
            {
                arrivals.Add(new ExpectedArrival(key.JobId, key.TaskIndex, target));
            }
        }

        return arrivals;
    }

    private static HashSet<TaskKey> Present(IReadOnlyList<NodeLoad> loads) =>
        [.. loads.SelectMany(l => l.Tasks.Select(t => new TaskKey(t.JobId, t.TaskIndex)))];
}
