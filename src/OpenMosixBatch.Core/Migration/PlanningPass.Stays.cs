namespace OpenMosixBatch.Core.Migration;

/// <summary>Why each task that did not move stays, judged on the loads after the plan's moves.</summary>
internal sealed partial class PlanningPass
{
    private List<TaskStay> Stays()
    {
        var stays = new List<TaskStay>();
        foreach (var t in _tasks)
        {
            var key = (t.JobId, t.TaskIndex);
            if (!_moved.Contains(key))
            {
                stays.Add(new TaskStay(t.JobId, t.TaskIndex, t.Node, _fixedReasons.TryGetValue(key, out var fixedReason) ? fixedReason : Explain(t)));
            }
        }

        return stays;
    }

    private string Explain(PlannerTask task)
    {
        _ledger.TryGet(task.Node, out var node);
        var ushering = !node.Expelling && _ledger.IsShortOfMemory(node) && task.MemoryBytes > 0;
        var prefix = node.Expelling ? "expel: " : ushering ? "memory ushering: " : "";
        if (!_ledger.Nodes.Any(n => !string.Equals(n.Name, node.Name, StringComparison.Ordinal) && PlannerLedger.CanReceive(n)))
        {
            return prefix + "no other node accepts migrations";
        }

        if (BestTarget(task) is not { } best)
        {
            return prefix + $"no node that accepts migrations has {PlanText.Bytes(task.MemoryBytes)} free above its low-water mark";
        }

        if (node.Expelling || ushering)
        {
            return prefix + $"move limit of {_maxMoves} per tick reached; the move waits for the next tick";
        }

        if (best.Gain <= 0)
        {
            return $"no node finishes it sooner: the best, {best.To.Name}, {PlanText.Gain(best.Gain)}";
        }

        if (!Pays(best))
        {
            return $"the best move, to {best.To.Name}, gains {PlanText.Seconds(best.Gain)}, not more than its cost {PlanText.Seconds(best.Cost)} × {PlanText.Rate(1 + _hysteresis)} (hysteresis)";
        }

        return Full
            ? $"move limit of {_maxMoves} per tick reached; moving to {best.To.Name} would gain {PlanText.Seconds(best.Gain)}"
            : $"{best.To.Name} already takes {_maxGainArrivals} task(s) this tick and more wait until its new load is measured; moving there would gain {PlanText.Seconds(best.Gain)}";
    }
}
