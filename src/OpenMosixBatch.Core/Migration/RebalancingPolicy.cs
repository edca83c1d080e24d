using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// The rebalancing step, one per tick, decide then act: from the state, the tick's loads and their reading, it
/// decides which moves to request and which stays to report, and returns them with the next state. Rank 0 runs it on
/// the loads the ranks exchanged and sends what it decides; <c>omb simulate --processes</c> runs the same step on its
/// simulated processes. Nothing moves before the first Tune, nor while migration is off.
/// </summary>
public sealed record RebalancingPolicy
{
    /// <summary>The node's default checkpoint grace (30 s) and a minute for the restart on the target.</summary>
    public static readonly TimeSpan DefaultInFlightLimit = TimeSpan.FromSeconds(90);

    /// <summary>The default knobs.</summary>
    public static RebalancingPolicy Default { get; } = new();

    /// <summary>
    /// The planner's knobs (hysteresis, cool-down, low-water mark, moves per tick); its overheads and oMFS costs are
    /// replaced by the tunables in force.
    /// </summary>
    public PlannerSettings Planner { get; init; } = PlannerSettings.Defaults;

    /// <summary>How long a move may stay unfinished before it counts as dropped and its task may be planned again.</summary>
    public TimeSpan InFlightLimit { get; init; } = DefaultInFlightLimit;

    /// <summary>The planner settings under <paramref name="tuning"/>.</summary>
    public PlannerSettings Settings(MigrationTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(tuning);
        return Planner with { Overheads = tuning.Overheads, MfsCosts = tuning.MfsCosts };
    }

    /// <summary>One step.</summary>
    /// <param name="state">The state the previous step (and the observations since) left.</param>
    /// <param name="loads">The tick's loads, one per node.</param>
    /// <param name="reading">What the loads mean: demand, measured shares, capacities.</param>
    /// <param name="now">The tick's time.</param>
    public RebalancingDecision Decide(RebalancingState state, IReadOnlyList<NodeLoad> loads, LoadReading reading, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(reading);
        var current = state.Expire(loads, now, InFlightLimit);
        var routed = current.Routed(loads);
        var arrivals = current.Arrivals(loads, now, InFlightLimit);
        if (current.Tuning is not { MigrationEnabled: true } tuning)
        {
            return new RebalancingDecision(current, [], []);
        }

        var settling = PlannerInputs.Settling(loads, reading.Shares, arrivals);
        var nodes = PlannerInputs.Nodes(loads, reading.Demand, current.Offline, reading.Capacities, arrivals, settling);
        var tasks = PlannerInputs.Tasks(loads, routed, reading.Demand, now);
        if (tasks.Count == 0)
        {
            return new RebalancingDecision(current, [], []);
        }

        var plan = MigrationPlanner.Plan(nodes, tasks, Settings(tuning), now);
        var next = current;
        foreach (var move in plan.Moves)
        {
            next = next.MoveOrdered(new TaskKey(move.JobId, move.TaskIndex), now, move.To);
        }

        // A move in flight is planned as not migratable: that is no reason to show, its M state says more.
        var inFlight = routed.Where(r => r.InFlight).Select(r => new TaskKey(r.Task.Job.Id, r.Task.TaskIndex)).ToHashSet();
        var (stays, reported) = StayReasons.Changed(next.Reported, [.. plan.Stays.Where(s => !inFlight.Contains(new TaskKey(s.JobId, s.TaskIndex)))], now);
        return new RebalancingDecision(next with { Reported = reported }, plan.Moves, stays);
    }
}
