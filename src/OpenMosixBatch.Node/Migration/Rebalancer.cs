using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Node.World;

namespace OpenMosixBatch.Node.Migration;

/// <summary>
/// Rank 0's side of the rebalancing step: it feeds Core's <see cref="RebalancingPolicy"/> what it observes (the orders
/// it routes, the loads of every tick) and acts on what the step decides — a migration request to each move's source
/// rank, the stays the server should show, and the log. It decides nothing itself.
/// </summary>
/// <param name="policy">The step and its knobs (the in-flight limit follows the node's checkpoint grace).</param>
/// <param name="requestMigration">Sends a request to the source rank (with the source node's name).</param>
/// <param name="reportStay">Tells the server why a task stays.</param>
public sealed partial class Rebalancer(RebalancingPolicy policy, Action<MigrationRequest, string> requestMigration, Action<TaskStay> reportStay, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly LoadReader _reader = new();
    private RebalancingState _state = RebalancingState.Empty;

    /// <summary>The step's state now (for the tests).</summary>
    public RebalancingState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Feeds the step what an order from the server means for it (called from the order hook, any thread).</summary>
    public void Observe(WorldOrder order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_lock)
        {
            _state = Apply(_state, order, now);
        }
    }

    /// <summary>Runs one step on the tick's loads and sends its moves; returns them (for the log and the tests).</summary>
    public IReadOnlyList<MigrationMove> Tick(IReadOnlyList<NodeLoad> loads, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var reading = _reader.Read(loads, now);
        RebalancingDecision decision;
        lock (_lock)
        {
            decision = policy.Decide(_state, loads, reading, now);
            _state = decision.State;
        }

        foreach (var move in decision.Moves)
        {
            // Looked up per move: the loads of ranks that have not reported yet (a world just relaunched) share an
            // empty name, and no move goes to them.
            var target = loads.First(l => string.Equals(l.Node, move.To, StringComparison.Ordinal));
            LogMove(move.JobId, move.TaskIndex, move.From, move.To, move.Detail);
            requestMigration(new MigrationRequest(move.JobId, move.TaskIndex, move.To, target.Rank, move.Detail, move.Reason), move.From);
        }

        foreach (var stay in decision.Stays)
        {
            LogStay(stay.JobId, stay.TaskIndex, stay.Node, stay.Reason);
            reportStay(stay);
        }

        return decision.Moves;
    }

    /// <summary>The observation an order is: a start, a move under way, an end, new tunables; other orders are none.</summary>
    private static RebalancingState Apply(RebalancingState state, WorldOrder order, DateTimeOffset now)
    {
        var key = new TaskKey(order.JobId, order.TaskIndex);
        return order.Kind switch
        {
            WorldOrderKind.Start when order.Job is not null && order.Nodes is { Count: > 0 } nodes =>
                state.Started(order.Job, order.TaskIndex, nodes[0], now, order.Restore?.Bytes),
            // An administrator's move (omb migrate) or an eviction is already under way: planning the task again
            // would send it a second checkpoint request.
            WorldOrderKind.Migrate or WorldOrderKind.Checkpoint => state.MoveOrdered(key, now, order.Target),
            WorldOrderKind.Kill => state.Ended(key),
            WorldOrderKind.Tune when order.Tunables is { } t => state.Tuned(
                new MigrationTuning(Overheads.FromValues([.. t.Overheads.Select(v => (long)v)]), MfsCosts.FromValues([.. t.MfsCosts.Select(v => (long)v)]), t.MigrationEnabled),
                order.OfflineNodes ?? []),
            _ => state,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "migrating {JobId}[{TaskIndex}] {From} -> {To}: {Detail}")]
    private partial void LogMove(long jobId, int taskIndex, string from, string to, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{JobId}[{TaskIndex}] stays on {Node}: {Reason}")]
    private partial void LogStay(long jobId, int taskIndex, string node, string reason);
}
