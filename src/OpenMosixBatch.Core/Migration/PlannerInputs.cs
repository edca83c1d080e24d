using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Migration;

/// <summary>Turns one tick's loads and rank 0's routing record into the planner's nodes and tasks.</summary>
public static class PlannerInputs
{
    /// <summary>The planner's view of every node of the tick.</summary>
    /// <param name="loads">The loads the ranks exchanged.</param>
    /// <param name="demand">Runnable demand per task (see <see cref="TaskDemandTracker"/>).</param>
    /// <param name="offline">Nodes taken offline or expelled.</param>
    /// <param name="measured">Measured capacity per node (see <see cref="NodeCapacityEstimator"/>); the declared CPUs and speed where absent.</param>
    /// <param name="arrivals">Tasks on their way to a node (rank 0's moves in flight and restarts not sampled yet): counted there, not where they leave.</param>
    /// <param name="settling">Nodes whose capacity is not measured since their last change (see <see cref="Settling"/>): they receive nothing this tick.</param>
    public static IReadOnlyList<PlannerNode> Nodes(
        IReadOnlyList<NodeLoad> loads,
        IReadOnlyDictionary<TaskKey, double> demand,
        IReadOnlySet<string> offline,
        IReadOnlyDictionary<string, MeasuredCapacity>? measured = null,
        IReadOnlyList<ExpectedArrival>? arrivals = null,
        IReadOnlySet<string>? settling = null)
    {
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(offline);
        var leaving = (arrivals ?? []).Select(a => new TaskKey(a.JobId, a.TaskIndex)).ToHashSet();
        var arriving = (arrivals ?? []).GroupBy(a => a.Node, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(a => demand.GetValueOrDefault(new TaskKey(a.JobId, a.TaskIndex), 1.0)), StringComparer.Ordinal);
        return [.. loads.Select(l => new PlannerNode(l.Node, measured is not null && measured.TryGetValue(l.Node, out var m) ? m.Cpus : l.Cpus, l.MemoryBytes)
        {
            Speed = measured is not null && measured.TryGetValue(l.Node, out var c) ? c.Speed : l.Speed > 0 ? l.Speed : 1.0,
            RunnableDemand = l.Tasks.Where(t => !leaving.Contains(new TaskKey(t.JobId, t.TaskIndex))).Sum(t => demand.GetValueOrDefault(new TaskKey(t.JobId, t.TaskIndex), 1.0))
                + arriving.GetValueOrDefault(l.Node),
            FreeMemoryBytes = Math.Clamp(l.FreeMemoryBytes, 0, l.MemoryBytes),
            // A node failing its health check takes nothing from the tick it says so, before the server marks it offline.
            AcceptsMigrations = !offline.Contains(l.Node) && settling?.Contains(l.Node) != true && l.HealthFailure is null,
            Expelling = offline.Contains(l.Node),
        })];
    }

    /// <summary>
    /// Nodes that just gained a task: one is on its way there, or one runs there whose CPU share is not measured yet.
    /// What such a node will deliver to one more task is unknown until its new load is measured (it may share its
    /// cores with another node, or with work outside the batch system), so it takes no second task meanwhile; without
    /// this the next tick sees it as it was declared and herds more work onto it.
    /// </summary>
    /// <param name="loads">The tick's loads.</param>
    /// <param name="shares">Measured CPU share per task (absent for a task seen the first time).</param>
    /// <param name="arrivals">Tasks on their way to a node.</param>
    public static IReadOnlySet<string> Settling(
        IReadOnlyList<NodeLoad> loads,
        IReadOnlyDictionary<TaskKey, double> shares,
        IReadOnlyList<ExpectedArrival> arrivals)
    {
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(arrivals);
        var settling = arrivals.Select(a => a.Node).ToHashSet(StringComparer.Ordinal);
        settling.UnionWith(loads.Where(l => l.Tasks.Any(t => !shares.ContainsKey(new TaskKey(t.JobId, t.TaskIndex)))).Select(l => l.Node));
        return settling;
    }

    /// <summary>
    /// The planner's view of every task rank 0 knows that runs now. A move in flight is not migratable again, and
    /// a task rank 0 did not route (a world that outlived its server) is left alone: its job is unknown here. A task shown
    /// on another node than the one rank 0 last started it on is a stale sample of a move and is not planned.
    /// </summary>
    public static IReadOnlyList<PlannerTask> Tasks(
        IReadOnlyList<NodeLoad> loads,
        IReadOnlyList<(RoutedTask Task, bool InFlight)> routed,
        IReadOnlyDictionary<TaskKey, double> demand,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(routed);
        ArgumentNullException.ThrowIfNull(demand);
        var known = routed.ToDictionary(r => new TaskKey(r.Task.Job.Id, r.Task.TaskIndex));
        var tasks = new List<PlannerTask>();
        foreach (var load in loads)
        {
            foreach (var t in load.Tasks)
            {
                var key = new TaskKey(t.JobId, t.TaskIndex);
                // Shown on another node than rank 0 started it on: a stale sample of a task that has moved.
                if (!known.TryGetValue(key, out var r) || !string.Equals(r.Task.Node, load.Node, StringComparison.Ordinal))
                {
                    continue;
                }

                var resources = r.Task.Job.Spec.Resources;
                tasks.Add(new PlannerTask(t.JobId, t.TaskIndex, load.Node, r.Task.HomeNode)
                {
                    Migratable = r.Task.Migratable && !r.InFlight,
                    CpuTime = t.CpuTime,
                    Elapsed = now - r.Task.FirstStarted,
                    WalltimeEstimate = resources.Walltime,
                    CheckpointBytes = CheckpointBytes(r.Task, t),
                    MemoryBytes = Math.Max(t.RssBytes, resources.MemoryBytesPerChunk),
                    Demand = demand.GetValueOrDefault(key, 1.0),
                    ReadKbPerSecond = t.ReadKbPerSecond,
                    WriteKbPerSecond = t.WriteKbPerSecond,
                    SyscallsPerSecond = t.SyscallsPerSecond,
                    LastMovedAt = r.Task.LastMovedAt,
                });
            }
        }

        return tasks;
    }

    /// <summary>
    /// What a move would carry: the larger of its last committed checkpoint and what its checkpoint directory holds
    /// now (a task that wrote hundreds of MB there before its first checkpoint is that expensive to move), else its
    /// RSS (state a task keeps in memory until it is asked to checkpoint).
    /// </summary>
    public static long CheckpointBytes(RoutedTask routed, TaskLoad load)
    {
        ArgumentNullException.ThrowIfNull(routed);
        ArgumentNullException.ThrowIfNull(load);
        var known = Math.Max(routed.CheckpointBytes, load.CheckpointDirectoryBytes);
        return known > 0 ? known : load.RssBytes;
    }
}
