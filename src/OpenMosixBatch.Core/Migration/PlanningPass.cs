using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Migration;

/// <summary>The state of one <see cref="MigrationPlanner.Plan"/> call: the ledger, the moves so far, the fixed reasons.</summary>
internal sealed partial class PlanningPass
{
    private readonly PlannerLedger _ledger;
    private readonly PlannerSettings _settings;
    private readonly DateTimeOffset _now;
    private readonly double _hysteresis;
    private readonly int _maxMoves;
    private readonly int _maxGainArrivals;
    private readonly Dictionary<string, int> _arrivals = new(StringComparer.Ordinal);
    private readonly List<PlannerTask> _tasks;
    private readonly List<PlannerTask> _candidates = [];
    private readonly Dictionary<TaskKey, TaskStay> _fixedStays = [];
    private readonly HashSet<TaskKey> _moved = [];
    private readonly List<MigrationMove> _moves = [];

    public PlanningPass(IReadOnlyList<PlannerNode> nodes, IReadOnlyList<PlannerTask> tasks, PlannerSettings settings, DateTimeOffset now)
    {
        _settings = settings;
        _now = now;
        _hysteresis = PlannerLedger.Clean(settings.Hysteresis);
        _maxMoves = Math.Max(0, settings.MaxMovesPerTick);
        _maxGainArrivals = Math.Max(0, settings.MaxGainArrivalsPerNode);
        var lowWater = double.IsFinite(settings.MemoryLowWaterFraction) ? Math.Clamp(settings.MemoryLowWaterFraction, 0, 1) : 0;
        _ledger = new PlannerLedger(nodes, lowWater);
        _tasks = [.. tasks
            .Where(t => t is not null && t.Node is not null && t.HomeNode is not null)
            .DistinctBy(t => new TaskKey(t.JobId, t.TaskIndex))
            .OrderBy(t => t.JobId)
            .ThenBy(t => t.TaskIndex)];
    }

    private bool Full => _moves.Count >= _maxMoves;

    public MigrationPlan Run()
    {
        Classify();
        Expel();
        Usher();
        Balance();
        return new MigrationPlan(_moves, Stays());
    }

    /// <summary>Sets aside the tasks that may not move at all on this tick, with their reason.</summary>
    private void Classify()
    {
        foreach (var t in _tasks)
        {
            var key = new TaskKey(t.JobId, t.TaskIndex);
            if (!_ledger.TryGet(t.Node, out var node))
            {
                _fixedStays[key] = new TaskStay(t.JobId, t.TaskIndex, t.Node, StayCause.NodeNotInLoads,
                    $"node {t.Node} is not in this tick's load table: nothing is decided for it");
            }
            else if (!t.Migratable)
            {
                _fixedStays[key] = node.Expelling
                    ? new TaskStay(t.JobId, t.TaskIndex, t.Node, StayCause.NotMigratable,
                        $"not migratable (run home): stays on {node.Name} although it is being expelled") { Pressure = MigrationReason.Expel }
                    : new TaskStay(t.JobId, t.TaskIndex, t.Node, StayCause.NotMigratable, "not migratable (run home): it never moves once started");
            }
            else if (!node.Expelling && t.LastMovedAt is { } last && _now - last < _settings.CoolDown)
            {
                var ago = _now - last;
                _fixedStays[key] = new TaskStay(t.JobId, t.TaskIndex, t.Node, StayCause.CoolDown,
                    $"cool-down: moved {PlanText.Seconds(ago.TotalMicroseconds)} ago, may move again in {PlanText.Seconds((_settings.CoolDown - ago).TotalMicroseconds)}");
            }
            else
            {
                _candidates.Add(t);
            }
        }
    }

    private void Expel()
    {
        while (!Full)
        {
            MoveOption? best = null;
            foreach (var t in Open(n => n.Expelling))
            {
                if (BestTarget(t) is { } option && option.IsBetterThan(best))
                {
                    best = option;
                }
            }

            if (best is not { } chosen)
            {
                return;
            }

            Apply(chosen, MigrationReason.Expel, $"expel: {chosen.From.Name} is being expelled; {chosen.To.Name} runs it best ({PlanText.Gain(chosen.Gain)})");
        }
    }

    private void Usher()
    {
        while (!Full)
        {
            MoveOption? best = null;
            foreach (var t in Open(n => !n.Expelling && _ledger.IsShortOfMemory(n)))
            {
                if (t.MemoryBytes <= 0 || LeastLoadedTarget(t) is not { } option)
                {
                    continue;
                }

                // Largest first, so that the fewest moves bring the node back above its mark; then the cheapest.
                if (best is not { } b
                    || t.MemoryBytes > b.Task.MemoryBytes
                    || (t.MemoryBytes == b.Task.MemoryBytes && (option.Cost < b.Cost || (option.Cost == b.Cost && option.CompareKeys(b) < 0))))
                {
                    best = option;
                }
            }

            if (best is not { } chosen)
            {
                return;
            }

            var from = chosen.From;
            Apply(
                chosen,
                MigrationReason.MemoryUshering,
                $"memory ushering: {from.Name} has {PlanText.Bytes(_ledger.Free(from))} free, below its low-water mark of {PlanText.Bytes((long)_ledger.LowWater(from))}; {chosen.To.Name} is the least-loaded node with room");
        }
    }

    private void Balance()
    {
        while (!Full)
        {
            MoveOption? best = null;
            foreach (var t in Open(n => !n.Expelling))
            {
                if (BestTarget(t, gainMove: true) is { } option && Pays(option) && option.IsBetterThan(best))
                {
                    best = option;
                }
            }

            if (best is not { } chosen)
            {
                return;
            }

            Apply(
                chosen,
                MigrationReason.CpuGain,
                $"cpu gain: finishes {PlanText.Seconds(chosen.Gain)} sooner on {chosen.To.Name} than on {chosen.From.Name} (rate {PlanText.Rate(chosen.RateFrom)} -> {PlanText.Rate(chosen.RateTo)}); the move costs {PlanText.Seconds(chosen.Cost)}");
        }
    }

    /// <summary>Migrate only when gain &gt; cost × (1 + hysteresis).</summary>
    private bool Pays(MoveOption option) => option.Gain > option.Cost * (1 + _hysteresis);

    /// <summary>Candidates not moved yet whose current node matches.</summary>
    private IEnumerable<PlannerTask> Open(Func<PlannerNode, bool> node) =>
        _candidates.Where(t => !_moved.Contains(new TaskKey(t.JobId, t.TaskIndex)) && _ledger.TryGet(t.Node, out var n) && node(n));

    private IEnumerable<PlannerNode> Targets(PlannerTask task) =>
        _ledger.Nodes.Where(n => !string.Equals(n.Name, task.Node, StringComparison.Ordinal) && PlannerLedger.CanReceive(n) && _ledger.Fits(n, task));

    /// <summary>
    /// The target where the task finishes soonest (largest gain; the first in name order on a tie). A gain move skips
    /// targets that already took <see cref="PlannerSettings.MaxGainArrivalsPerNode"/> tasks in this plan.
    /// </summary>
    private MoveOption? BestTarget(PlannerTask task, bool gainMove = false)
    {
        MoveOption? best = null;
        foreach (var n in Targets(task).Where(n => !gainMove || _arrivals.GetValueOrDefault(n.Name) < _maxGainArrivals))
        {
            var option = Evaluate(task, n);
            if (best is not { } b || option.Gain > b.Gain)
            {
                best = option;
            }
        }

        return best;
    }

    /// <summary>The target with the lowest demand per CPU after the move, then the most free memory, then by name.</summary>
    private MoveOption? LeastLoadedTarget(PlannerTask task)
    {
        var demand = PlannerLedger.Clean(task.Demand);
        var target = Targets(task)
            .OrderBy(n => (_ledger.Demand(n) + demand) / n.Cpus)
            .ThenByDescending(_ledger.Free)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return target is null ? null : Evaluate(task, target);
    }

    private MoveOption Evaluate(PlannerTask task, PlannerNode to)
    {
        _ledger.TryGet(task.Node, out var from);
        var demand = PlannerLedger.Clean(task.Demand);
        var work = MigrationCostModel.RemainingWork(task);
        var penalty = MigrationCostModel.RemotePenaltyFraction(task, _settings.Overheads);

        // The task is part of its node's demand now, and is counted on the target after the move.
        var rateFrom = MigrationCostModel.ProgressRate(from.Speed, from.Cpus, Math.Max(_ledger.Demand(from), demand));
        var rateTo = MigrationCostModel.ProgressRate(to.Speed, to.Cpus, _ledger.Demand(to) + demand);
        var timeFrom = MigrationCostModel.CompletionTime(work, rateFrom, !IsHome(task, from), penalty);
        var timeTo = MigrationCostModel.CompletionTime(work, rateTo, !IsHome(task, to), penalty);
        var cost = MigrationCostModel.MigrationCost(task.CheckpointBytes, _settings.Overheads, _settings.MfsCosts);
        return new MoveOption(task, from, to, timeFrom - timeTo, cost, rateFrom, rateTo);
    }

    private static bool IsHome(PlannerTask task, PlannerNode node) => string.Equals(task.HomeNode, node.Name, StringComparison.Ordinal);

    private void Apply(MoveOption option, MigrationReason reason, string detail)
    {
        var t = option.Task;
        _moves.Add(new MigrationMove(t.JobId, t.TaskIndex, option.From.Name, option.To.Name, option.Gain, option.Cost, reason, detail));
        _moved.Add(new TaskKey(t.JobId, t.TaskIndex));
        _arrivals[option.To.Name] = _arrivals.GetValueOrDefault(option.To.Name) + 1;
        _ledger.Move(t, option.From, option.To);
    }
}
