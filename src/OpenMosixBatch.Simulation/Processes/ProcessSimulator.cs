using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Simulation.Processes;

/// <summary>
/// Runs a process workload on nodes of different speeds in ticks of one second, each node sharing its CPUs among its
/// processes (a process progresses at speed × min(1, CPUs / processes), <see cref="MigrationCostModel.ProgressRate"/>),
/// with the rebalancer on or off. With it on, every tick asks the real <see cref="MigrationPlanner"/> for moves, with
/// the loads of that tick and the tunables given; a moved process is in flight for the cost model's migration time
/// (<see cref="MigrationCostModel.MigrationCost"/>, its memory as the checkpoint), making no progress, and away from
/// home it pays the remote overheads on its reads and system calls (<see cref="MigrationCostModel.RemotePenaltyFraction"/>).
/// </summary>
public sealed class ProcessSimulator
{
    private const double Tick = 1.0;
    private readonly IReadOnlyList<SimProcess> _workload;
    private readonly IReadOnlyList<NodeSnapshot> _nodes;
    private readonly PlannerSettings _settings;
    private readonly List<Running> _running = [];
    private readonly double _fastest;
    private int _migrations;
    private double _inFlight;
    private double _slowdowns;
    private double _lastEnd;

    private ProcessSimulator(IReadOnlyList<SimProcess> workload, IReadOnlyList<NodeSnapshot> nodes, PlannerSettings settings)
    {
        _workload = workload;
        _nodes = nodes;
        _settings = settings;
        _fastest = nodes.Max(n => n.Speed);
    }

    public static ProcessRunResult Run(IReadOnlyList<SimProcess> workload, IReadOnlyList<NodeSnapshot> nodes, PlannerSettings settings, bool migration)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(settings);
        if (nodes.Count == 0 || nodes.Any(n => n.Cpus < 1 || !(n.Speed > 0)))
        {
            throw new ArgumentException("every simulated node needs at least one CPU and a speed above 0", nameof(nodes));
        }

        return new ProcessSimulator(workload, nodes, settings).Run(migration);
    }

    private ProcessRunResult Run(bool migration)
    {
        var next = 0;
        for (var t = 0.0; next < _workload.Count || _running.Count > 0; t += Tick)
        {
            for (; next < _workload.Count && _workload[next].Arrival < t + Tick; next++)
            {
                var p = _workload[next];
                _running.Add(new Running(p, p.Home, p.Arrival, MigrationCostModel.RemotePenaltyFraction(AsTask(p, p.Home, 0, 0, null), _settings.Overheads)));
            }

            if (migration)
            {
                Rebalance(t);
            }

            Advance(t);
        }

        var capacity = _nodes.Sum(n => n.Cpus * n.Speed);
        var bound = Math.Max(_workload.Sum(p => p.Work) / capacity, _workload.Count == 0 ? 0 : _workload.Max(p => p.Arrival + (p.Work / _fastest)));
        return new ProcessRunResult(migration, _workload.Count, _workload.Count == 0 ? 0 : _slowdowns / _workload.Count, _lastEnd, bound, _migrations, _inFlight);
    }

    /// <summary>One planner pass over this tick's loads; its moves take effect at once, the process frozen while in flight.</summary>
    private void Rebalance(double t)
    {
        var now = DateTimeOffset.UnixEpoch.AddSeconds(t);
        var demand = _running.GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var memory = _running.GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Sum(r => r.Process.MemoryBytes), StringComparer.Ordinal);
        var nodes = _nodes.Select(n => new PlannerNode(n.Name, n.Cpus, n.MemoryBytes)
        {
            Speed = n.Speed,
            RunnableDemand = demand.GetValueOrDefault(n.Name),
            FreeMemoryBytes = Math.Max(0, n.MemoryBytes - memory.GetValueOrDefault(n.Name)),
        }).ToList();
        var tasks = _running.Select(r => AsTask(r.Process, r.Node, r.Done, t - r.Process.Arrival, r.LastMovedAt) with
        {
            Migratable = r.Process.Checkpointing && r.AvailableFrom <= t,
        }).ToList();
        var byId = _running.ToDictionary(r => r.Process.Id);
        foreach (var move in MigrationPlanner.Plan(nodes, tasks, _settings, now).Moves)
        {
            var r = byId[(int)move.JobId];
            var cost = move.CostMicroseconds / 1e6;
            r.Node = move.To;
            r.AvailableFrom = t + cost;
            r.LastMovedAt = now;
            _migrations++;
            _inFlight += cost;
        }
    }

    /// <summary>Runs every process for the tick [t, t + 1): its share of its node, from when it is there (arrived, landed).</summary>
    private void Advance(double t)
    {
        var end = t + Tick;
        var counts = _running.GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var speeds = _nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        foreach (var r in _running)
        {
            var node = speeds[r.Node];
            var from = Math.Max(t, r.AvailableFrom);
            if (from >= end)
            {
                continue;
            }

            var rate = MigrationCostModel.ProgressRate(node.Speed, node.Cpus, counts[r.Node]);
            if (r.Node != r.Process.Home)
            {
                rate /= 1 + r.PenaltyFraction;
            }

            var left = r.Process.Work - r.Done;
            if (left <= rate * (end - from))
            {
                var finished = from + (left / rate);
                r.Done = r.Process.Work;
                _slowdowns += (finished - r.Process.Arrival) / (r.Process.Work / _fastest);
                _lastEnd = Math.Max(_lastEnd, finished);
            }
            else
            {
                r.Done += rate * (end - from);
            }
        }

        _running.RemoveAll(r => r.Done >= r.Process.Work);
    }

    private static PlannerTask AsTask(SimProcess p, string node, double done, double elapsed, DateTimeOffset? lastMoved) => new(p.Id, 0, node, p.Home)
    {
        Migratable = p.Checkpointing,
        CpuTime = TimeSpan.FromSeconds(done),
        Elapsed = TimeSpan.FromSeconds(Math.Max(0, elapsed)),
        CheckpointBytes = p.MemoryBytes,
        MemoryBytes = p.MemoryBytes,
        ReadKbPerSecond = p.ReadKbPerSecond,
        SyscallsPerSecond = p.SyscallsPerSecond,
        LastMovedAt = lastMoved,
    };

    /// <summary>A process in the system: where it is, how far it got, when it can run (after arrival or landing).</summary>
    private sealed class Running(SimProcess process, string node, double availableFrom, double penaltyFraction)
    {
        public SimProcess Process { get; } = process;

        public string Node { get; set; } = node;

        public double AvailableFrom { get; set; } = availableFrom;

        public double PenaltyFraction { get; } = penaltyFraction;

        public double Done { get; set; }

        public DateTimeOffset? LastMovedAt { get; set; }
    }
}
