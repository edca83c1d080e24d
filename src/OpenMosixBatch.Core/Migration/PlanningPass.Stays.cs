using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Migration;

/// <summary>Why each task that did not move stays, judged on the loads after the plan's moves.</summary>
internal sealed partial class PlanningPass
{
    private List<TaskStay> Stays()
    {
        var stays = new List<TaskStay>();
        foreach (var t in _tasks)
        {
            var key = new TaskKey(t.JobId, t.TaskIndex);
            if (!_moved.Contains(key))
            {
                stays.Add(_fixedStays.TryGetValue(key, out var fixedStay) ? fixedStay : Explain(t));
            }
        }

        return stays;
    }

    private TaskStay Explain(PlannerTask task)
    {
        _ledger.TryGet(task.Node, out var node);
        var ushering = !node.Expelling && _ledger.IsShortOfMemory(node) && task.MemoryBytes > 0;
        MigrationReason? pressure = node.Expelling ? MigrationReason.Expel : ushering ? MigrationReason.MemoryUshering : null;
        var prefix = node.Expelling ? "expel: " : ushering ? "memory ushering: " : "";
        TaskStay Stay(StayCause cause, string reason, string? target = null) =>
            new(task.JobId, task.TaskIndex, task.Node, cause, reason) { Pressure = pressure, Target = target };

        if (!_ledger.Nodes.Any(n => !string.Equals(n.Name, node.Name, StringComparison.Ordinal) && PlannerLedger.CanReceive(n)))
        {
            return Stay(StayCause.NoOtherNodeAccepts, prefix + "no other node accepts migrations");
        }

        if (BestTarget(task) is not { } best)
        {
            return Stay(StayCause.NoRoomElsewhere,
                prefix + $"no node that accepts migrations has {PlanText.Bytes(task.MemoryBytes)} free above its low-water mark");
        }

        if (node.Expelling || ushering)
        {
            return Stay(StayCause.MoveLimit, prefix + $"move limit of {_maxMoves} per tick reached; the move waits for the next tick");
        }

        var to = best.To.Name;
        if (best.Gain <= 0)
        {
            return Stay(StayCause.NoFasterNode, $"no node finishes it sooner: the best, {to}, {PlanText.Gain(best.Gain)}", to);
        }

        if (!Pays(best))
        {
            return Stay(StayCause.GainBelowCost,
                $"the best move, to {to}, gains {PlanText.Seconds(best.Gain)}, not more than its cost {PlanText.Seconds(best.Cost)} × {PlanText.Rate(1 + _hysteresis)} (hysteresis)",
                to);
        }

        return Full
            ? Stay(StayCause.MoveLimit, $"move limit of {_maxMoves} per tick reached; moving to {to} would gain {PlanText.Seconds(best.Gain)}", to)
            : Stay(StayCause.TargetSettling,
                $"{to} already takes {_maxGainArrivals} task(s) this tick and more wait until its new load is measured; moving there would gain {PlanText.Seconds(best.Gain)}",
                to);
    }
}
