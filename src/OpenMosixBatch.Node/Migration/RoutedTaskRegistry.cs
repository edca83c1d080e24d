using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Node.Migration;

/// <summary>
/// Rank 0's record of the orders it routed: which tasks run where and since when, the tunables and offline nodes
/// in force, and the migrations in flight. Fed from the order hook (any thread) and read by the rebalancer.
/// </summary>
public sealed class RoutedTaskRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TaskKey, RoutedTask> _tasks = [];
    private readonly Dictionary<TaskKey, (DateTimeOffset At, string? Target)> _inFlight = [];
    private TunablesView? _tunables;
    private IReadOnlySet<string> _offline = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The tunables of the last Tune order, or null before the first (nothing is planned until then).</summary>
    public TunablesView? Tunables
    {
        get
        {
            lock (_lock)
            {
                return _tunables;
            }
        }
    }

    /// <summary>Nodes an administrator took offline or expelled: their migratable tasks leave, none arrive.</summary>
    public IReadOnlySet<string> OfflineNodes
    {
        get
        {
            lock (_lock)
            {
                return _offline;
            }
        }
    }

    /// <summary>Records what an order from the server means for the planner.</summary>
    public void Observe(WorldOrder order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_lock)
        {
            var key = new TaskKey(order.JobId, order.TaskIndex);
            switch (order.Kind)
            {
                case WorldOrderKind.Start when order.Job is not null && order.Nodes is { Count: > 0 } nodes:
                    _inFlight.Remove(key);
                    _tasks[key] = _tasks.TryGetValue(key, out var known)
                        ? known with
                        {
                            Job = order.Job,
                            Node = nodes[0],
                            LastMovedAt = known.Node == nodes[0] ? known.LastMovedAt : now,
                            LastStarted = now,
                            CheckpointBytes = order.Restore?.Bytes ?? known.CheckpointBytes,
                        }
                        : new RoutedTask(order.Job, order.TaskIndex, nodes[0], nodes[0], now, null, order.Restore?.Bytes ?? 0);
                    break;
                case WorldOrderKind.Migrate or WorldOrderKind.Checkpoint:
                    // An administrator's move (omb migrate) or an eviction is already under way: planning the task
                    // again would send it a second checkpoint request.
                    _inFlight[key] = (now, order.Target);
                    break;
                case WorldOrderKind.Kill:
                    _tasks.Remove(key);
                    _inFlight.Remove(key);
                    break;
                case WorldOrderKind.Tune when order.Tunables is not null:
                    _tunables = order.Tunables;
                    _offline = new HashSet<string>(order.OfflineNodes ?? [], StringComparer.Ordinal);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// Marks a move as ordered, so that the task is not planned again until it restarts or the order expires, and
    /// its target is counted as busy with it meanwhile.
    /// </summary>
    public void MarkInFlight(long jobId, int taskIndex, DateTimeOffset now, string? target = null)
    {
        lock (_lock)
        {
            _inFlight[new TaskKey(jobId, taskIndex)] = (now, target);
        }
    }

    /// <summary>
    /// Tasks on their way to a node that the loads do not show there yet: moves in flight (still on their source, or
    /// between checkpoint and restart) and restarts not yet sampled. Without them the next tick sees the target idle
    /// and sends it a second task.
    /// </summary>
    public IReadOnlyList<ExpectedArrival> Arrivals(IReadOnlyList<NodeLoad> loads, DateTimeOffset now, TimeSpan inFlightLimit)
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

        lock (_lock)
        {
            var arrivals = new List<ExpectedArrival>();
            foreach (var (key, task) in _tasks)
            {
                // A restart the loads do not show yet: not sampled on its node, or still shown where it left, since
                // the loads a tick carries were sampled before the task moved.
                var target = _inFlight.TryGetValue(key, out var flight) && now - flight.At <= inFlightLimit ? flight.Target
                    : now - task.LastStarted <= inFlightLimit ? task.Node
                    : null;
                if (target is not null && (!where.TryGetValue(key, out var node) || !string.Equals(node, target, StringComparison.Ordinal)))
                {
                    arrivals.Add(new ExpectedArrival(key.JobId, key.TaskIndex, target));
                }
            }

            return arrivals;
        }
    }

    /// <summary>
    /// The tasks the planner may consider this tick: known to rank 0 and present in the loads. Forgets tasks that
    /// are in no node's load any more (ended) unless a move is in flight, and moves in flight longer than
    /// <paramref name="inFlightLimit"/> (dropped, or the target never started it).
    /// </summary>
    public IReadOnlyList<(RoutedTask Task, bool InFlight)> Current(IReadOnlyList<NodeLoad> loads, DateTimeOffset now, TimeSpan inFlightLimit)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var present = loads.SelectMany(l => l.Tasks.Select(t => new TaskKey(t.JobId, t.TaskIndex))).ToHashSet();
        lock (_lock)
        {
            foreach (var key in _inFlight.Where(p => now - p.Value.At > inFlightLimit).Select(p => p.Key).ToList())
            {
                _inFlight.Remove(key);
            }

            foreach (var key in _tasks.Keys.Where(k => !present.Contains(k) && !_inFlight.ContainsKey(k) && now - _tasks[k].LastStarted > inFlightLimit).ToList())
            {
                _tasks.Remove(key);
            }

            return [.. _tasks.Where(p => present.Contains(p.Key)).Select(p => (p.Value, _inFlight.ContainsKey(p.Key)))];
        }
    }

    /// <summary>The planner settings for the tunables in force, or null before the first Tune order.</summary>
    public PlannerSettings? Settings()
    {
        var tunables = Tunables;
        return tunables is null
            ? null
            : PlannerSettings.Defaults with
            {
                Overheads = Overheads.FromValues([.. tunables.Overheads.Select(v => (long)v)]),
                MfsCosts = MfsCosts.FromValues([.. tunables.MfsCosts.Select(v => (long)v)]),
            };
    }
}
