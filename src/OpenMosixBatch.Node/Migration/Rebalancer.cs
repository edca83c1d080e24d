using Microsoft.Extensions.Logging;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Node.World;

namespace OpenMosixBatch.Node.Migration;

/// <summary>
/// Rank 0's rebalancing step, run on every tick: feeds the loads the ranks exchanged and the routing record to the
/// pure <see cref="MigrationPlanner"/> and turns each planned move into a migration request to the source rank.
/// Nothing moves before the server's first Tune order, nor while it says migration is off.
/// </summary>
/// <param name="registry">Rank 0's routing record (fed by the order hook).</param>
/// <param name="requestMigration">Sends a request to the source rank (with the source node's name).</param>
/// <param name="reportStay">Tells the server why a task stays (only when that changes, see <see cref="StayReasons"/>).</param>
/// <param name="inFlightLimit">How long a move may stay unfinished before its task may be planned again.</param>
public sealed partial class Rebalancer(RoutedTaskRegistry registry, Action<MigrationRequest, string> requestMigration, Action<TaskStay> reportStay, TimeSpan inFlightLimit, ILogger logger)
{
    private readonly TaskDemandTracker _demand = new();
    private readonly NodeCapacityEstimator _capacities = new();
    private readonly StayReasons _stays = new();

    /// <summary>Plans one tick and sends its moves; returns them (for the log and the tests).</summary>
    public IReadOnlyList<MigrationMove> Tick(IReadOnlyList<NodeLoad> loads, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var demand = _demand.Update(loads, now);
        var capacities = _capacities.Update(loads, demand, _demand.Shares);
        var routed = registry.Current(loads, now, inFlightLimit);
        var arrivals = registry.Arrivals(loads, now, inFlightLimit);
        if (registry.Settings() is not { } settings || registry.Tunables is not { MigrationEnabled: true })
        {
            return [];
        }

        var settling = PlannerInputs.Settling(loads, _demand.Shares, arrivals);
        var nodes = PlannerInputs.Nodes(loads, demand, registry.OfflineNodes, capacities, arrivals, settling);
        var tasks = PlannerInputs.Tasks(loads, routed, demand, now);
        if (tasks.Count == 0)
        {
            return [];
        }

        var plan = MigrationPlanner.Plan(nodes, tasks, settings, now);
        var rankOf = loads.ToDictionary(l => l.Node, l => l.Rank, StringComparer.Ordinal);
        foreach (var move in plan.Moves)
        {
            LogMove(move.JobId, move.TaskIndex, move.From, move.To, move.Detail);
            registry.MarkInFlight(move.JobId, move.TaskIndex, now, move.To);
            requestMigration(new MigrationRequest(move.JobId, move.TaskIndex, move.To, rankOf[move.To], move.Detail, move.Reason), move.From);
        }

        // A move in flight is planned as not migratable: that is no reason to show, its M state says more.
        var inFlight = routed.Where(r => r.InFlight).Select(r => new TaskKey(r.Task.Job.Id, r.Task.TaskIndex)).ToHashSet();
        foreach (var stay in _stays.Changed([.. plan.Stays.Where(s => !inFlight.Contains(new TaskKey(s.JobId, s.TaskIndex)))], now))
        {
            LogStay(stay.JobId, stay.TaskIndex, stay.Node, stay.Reason);
            reportStay(stay);
        }

        return plan.Moves;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "migrating {JobId}[{TaskIndex}] {From} -> {To}: {Detail}")]
    private partial void LogMove(long jobId, int taskIndex, string from, string to, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{JobId}[{TaskIndex}] stays on {Node}: {Reason}")]
    private partial void LogStay(long jobId, int taskIndex, string node, string reason);
}
