using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Simulation.Processes;

/// <summary>
/// Runs a process workload on nodes of different speeds in ticks of one second, each node sharing its CPUs among its
/// processes (a process progresses at speed × min(1, CPUs / processes), <see cref="MigrationCostModel.ProgressRate"/>),
/// with migration on or off (<see cref="MigrationTuning.MigrationEnabled"/>). Every tick runs rank 0's own rebalancing
/// step, <see cref="RebalancingPolicy.Decide"/>, on that tick's loads, fed what rank 0 observes: a start when a process
/// arrives and when a moved one restarts on its target, its end; a moved process is in flight for the cost model's migration time
/// (<see cref="MigrationCostModel.MigrationCost"/>, its memory as the checkpoint), making no progress, and away from
/// home it pays the remote overheads on its reads and system calls (<see cref="MigrationCostModel.RemotePenaltyFraction"/>).
/// </summary>
public sealed class ProcessSimulator
{
    private const double Tick = 1.0;
    private readonly IReadOnlyList<SimProcess> _workload;
    private readonly IReadOnlyList<NodeSnapshot> _nodes;
    private readonly RebalancingPolicy _policy;
    private readonly PlannerSettings _settings;
    private readonly List<Running> _running = [];
    private RebalancingState _state;
    private readonly double _fastest;
    private int _migrations;
    private double _inFlight;
    private double _slowdowns;
    private double _lastEnd;

    private ProcessSimulator(IReadOnlyList<SimProcess> workload, IReadOnlyList<NodeSnapshot> nodes, RebalancingPolicy policy, MigrationTuning tuning)
    {
        _workload = workload;
        _nodes = nodes;
        _policy = policy;
        _settings = policy.Settings(tuning);
        _state = RebalancingState.Empty.Tuned(tuning, []);
        _fastest = nodes.Max(n => n.Speed);
    }

    /// <summary>Runs <paramref name="workload"/> on <paramref name="nodes"/> through <paramref name="policy"/> under <paramref name="tuning"/>.</summary>
    public static ProcessRunResult Run(IReadOnlyList<SimProcess> workload, IReadOnlyList<NodeSnapshot> nodes, RebalancingPolicy policy, MigrationTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(tuning);
        if (nodes.Count == 0 || nodes.Any(n => n.Cpus < 1 || !(n.Speed > 0)))
        {
            throw new ArgumentException("every simulated node needs at least one CPU and a speed above 0", nameof(nodes));
        }

        return new ProcessSimulator(workload, nodes, policy, tuning).Run(tuning.MigrationEnabled);
    }

    private ProcessRunResult Run(bool migration)
    {
        var next = 0;
        for (var t = 0.0; next < _workload.Count || _running.Count > 0; t += Tick)
        {
            var now = DateTimeOffset.UnixEpoch.AddSeconds(t);
            for (; next < _workload.Count && _workload[next].Arrival < t + Tick; next++)
            {
                var p = _workload[next];
                var penalty = MigrationCostModel.RemotePenaltyFraction(AsTask(p, p.Home), _settings.Overheads);
                var running = new Running(p, JobOf(p), p.Home, p.Arrival, penalty);
                _running.Add(running);
                _state = _state.Started(running.Job, 0, p.Home, now);
            }

            Rebalance(t, now);
            Advance(t);
        }

        var capacity = _nodes.Sum(n => n.Cpus * n.Speed);
        var bound = Math.Max(_workload.Sum(p => p.Work) / capacity, _workload.Count == 0 ? 0 : _workload.Max(p => p.Arrival + (p.Work / _fastest)));
        return new ProcessRunResult(migration, _workload.Count, _workload.Count == 0 ? 0 : _slowdowns / _workload.Count, _lastEnd, bound, _migrations, _inFlight);
    }

    /// <summary>
    /// One rebalancing step over this tick's loads; its moves take effect at once, the process frozen while in flight.
    /// A move lands (its restart on the target is observed, as of the move) once its migration time has passed.
    /// </summary>
    private void Rebalance(double t, DateTimeOffset now)
    {
        foreach (var r in _running.Where(r => r.MovedAt is not null && r.AvailableFrom <= t))
        {
            _state = _state.Started(r.Job, 0, r.Node, r.MovedAt!.Value);
            r.MovedAt = null;
        }

        var loads = Loads();
        var decision = _policy.Decide(_state, loads, LoadReading.Declared(loads), now);
        _state = decision.State;
        if (decision.Moves.Count == 0)
        {
            return;
        }

        var byId = _running.ToDictionary(r => r.Process.Id);
        foreach (var move in decision.Moves)
        {
            var r = byId[(int)move.JobId];
            var cost = move.CostMicroseconds / 1e6;
            r.Node = move.To;
            r.AvailableFrom = t + cost;
            r.MovedAt = now;
            _migrations++;
            _inFlight += cost;
        }
    }

    /// <summary>The tick's loads as the ranks would sample them: each node's processes, their CPU work and memory.</summary>
    private List<NodeLoad> Loads()
    {
        var byNode = _running.ToLookup(r => r.Node, StringComparer.Ordinal);
        return [.. _nodes.Select((n, rank) =>
        {
            var tasks = byNode[n.Name].Select(r => new TaskLoad(r.Process.Id, 0, TimeSpan.FromSeconds(r.Done), r.Process.MemoryBytes, r.Process.MemoryBytes,
                r.Process.ReadKbPerSecond, 0, r.Process.SyscallsPerSecond)).ToList();
            var free = Math.Max(0, n.MemoryBytes - byNode[n.Name].Sum(r => r.Process.MemoryBytes));
            return new NodeLoad(n.Name, rank, n.Cpus, n.MemoryBytes, n.Speed, 0, 0, free, tasks);
        })];
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
                _state = _state.Ended(new TaskKey(r.Process.Id, 0));
            }
            else
            {
                r.Done += rate * (end - from);
            }
        }

        _running.RemoveAll(r => r.Done >= r.Process.Work);
    }

    private static PlannerTask AsTask(SimProcess p, string node) => new(p.Id, 0, node, p.Home)
    {
        ReadKbPerSecond = p.ReadKbPerSecond,
        SyscallsPerSecond = p.SyscallsPerSecond,
    };

    /// <summary>The job a process is to the rebalancing step: checkpointing (so migratable) or not, no walltime.</summary>
    private static Job JobOf(SimProcess p) => new()
    {
        Id = p.Id,
        Spec = new JobSpec
        {
            Name = "p" + p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Script = "",
            WorkingDirectory = "/",
            SubmitDirectory = "/",
            Checkpoint = p.Checkpointing ? new CheckpointPolicy(CheckpointMode.Enabled) : CheckpointPolicy.None,
        },
        Owner = new JobOwner(0, 0, "sim"),
        SubmitTime = DateTimeOffset.UnixEpoch.AddSeconds(p.Arrival),
        State = JobState.Running,
        Tasks = [new JobTask(0, JobState.Running)],
    };

    /// <summary>A process in the system: where it is, how far it got, when it can run (after arrival or landing).</summary>
    private sealed class Running(SimProcess process, Job job, string node, double availableFrom, double penaltyFraction)
    {
        public SimProcess Process { get; } = process;

        public Job Job { get; } = job;

        public string Node { get; set; } = node;

        public double AvailableFrom { get; set; } = availableFrom;

        public double PenaltyFraction { get; } = penaltyFraction;

        public double Done { get; set; }

        /// <summary>When its move was decided, until it lands on its target.</summary>
        public DateTimeOffset? MovedAt { get; set; }
    }
}
