using static OpenMosixBatch.Core.World.CheckpointMoveAction;

namespace OpenMosixBatch.Core.World;

/// <summary>
/// A checkpoint leaving its node, per task, as a pure decision (flux-core's job manager: decide, then act): a state and
/// an event in, the new state, the actions and how the move ended out. The node agent is the adapter: it feeds the
/// machine the move orders, the task runner's reports and the shipments' ends, and carries out what it returns.
/// </summary>
/// <remarks>
/// <para>Idle → Signalled on a move order (the task is asked to checkpoint within the grace period); Signalled → Idle
/// when the runner refuses, the grace period runs out or the task ends; Idle or Signalled → Shipping on a checkpoint
/// exit (a move's, or the task's own or periodic one); Shipping → Idle when its shipment ends, delivered or not.</para>
/// <para>A deletion cancels a running shipment and leaves a tombstone (Deleted) until a start order for the task comes
/// here: a checkpoint exit that follows it is never shipped, and a shipment that ends after it failed because of it.</para>
/// <para>Every move ends exactly once, with <see cref="CheckpointMoveDecision.Ended"/> set on the decision that leaves
/// the active phases; an event that does not apply in the current phase changes nothing.</para>
/// </remarks>
public static class CheckpointMoveMachine
{
    /// <summary>Why a move order is dropped when the task cannot be signalled here.</summary>
    public const string RefusedReason = "the task is not running on this node or does not checkpoint";

    /// <summary>Why a checkpoint exit of a deleted task is not committed.</summary>
    public const string DeletedWhileShippedReason = "the task was deleted while its checkpoint was shipped";

    /// <summary>Why a move ends when the grace period ran out (the runner reports the drop itself).</summary>
    public const string DeclinedReason = "the task did not checkpoint within the grace period";

    /// <summary>Why a move ends when its task ended first.</summary>
    public const string TaskEndedReason = "the task ended before it checkpointed";

    /// <summary>Why a move ends when its task is deleted before its checkpoint exit.</summary>
    public const string DeletedReason = "the task was deleted";

    /// <summary>Applies <paramref name="e"/> to <paramref name="state"/>.</summary>
    public static CheckpointMoveDecision Apply(CheckpointMoveState state, CheckpointMoveEvent e)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(e);
        return state.Phase switch
        {
            CheckpointMovePhase.Idle => FromIdle(state, e),
            CheckpointMovePhase.Signalled => FromSignalled(state, e),
            CheckpointMovePhase.Shipping => FromShipping(state, e),
            _ => FromDeleted(state, e),
        };
    }

    private static CheckpointMoveDecision FromIdle(CheckpointMoveState state, CheckpointMoveEvent e) => e switch
    {
        CheckpointMoveEvent.Requested r => new(new(CheckpointMovePhase.Signalled) { Target = r.Target }, [new Signal(r.Target)]),
        CheckpointMoveEvent.Exited => new(new(CheckpointMovePhase.Shipping) { Shipments = 1 }, [new Ship(null)]),
        CheckpointMoveEvent.Deleted => new(new(CheckpointMovePhase.Deleted), []),
        _ => Unchanged(state),
    };

    private static CheckpointMoveDecision FromSignalled(CheckpointMoveState state, CheckpointMoveEvent e) => e switch
    {
        // A newer order replaces the target; the runner's newer request replaces its older one.
        CheckpointMoveEvent.Requested r => new(state with { Target = r.Target }, [new Signal(r.Target)]),
        CheckpointMoveEvent.Refused => new(CheckpointMoveState.Idle, [new ReportDropped(RefusedReason)], TransferOutcome.Dropped(RefusedReason)),
        CheckpointMoveEvent.Declined => new(CheckpointMoveState.Idle, [], TransferOutcome.Dropped(DeclinedReason)),
        CheckpointMoveEvent.TaskEnded => new(CheckpointMoveState.Idle, [], TransferOutcome.Dropped(TaskEndedReason)),
        CheckpointMoveEvent.Exited => new(state with { Phase = CheckpointMovePhase.Shipping, Shipments = 1 }, [new Ship(state.Target)]),
        CheckpointMoveEvent.Deleted => new(new(CheckpointMovePhase.Deleted), [], TransferOutcome.Dropped(DeletedReason)),
        _ => Unchanged(state),
    };

    private static CheckpointMoveDecision FromShipping(CheckpointMoveState state, CheckpointMoveEvent e) => e switch
    {
        // Its process has exited: nothing is left here to signal.
        CheckpointMoveEvent.Requested => new(state, [new ReportDropped(RefusedReason)]),
        CheckpointMoveEvent.Exited => new(state with { Shipments = state.Shipments + 1 }, [new Ship(null)]),
        CheckpointMoveEvent.ShipmentEnded s when state.Shipments > 1 => new(state with { Shipments = state.Shipments - 1 }, [new Finish(s.Failure)]),
        CheckpointMoveEvent.ShipmentEnded s => new(CheckpointMoveState.Idle, [new Finish(s.Failure)],
            s.Failure is null ? TransferOutcome.Completed : TransferOutcome.Dropped(s.Failure)),
        CheckpointMoveEvent.Deleted => new(new(CheckpointMovePhase.Deleted) { Shipments = state.Shipments }, [new CancelShipment()]),
        _ => Unchanged(state),
    };

    private static CheckpointMoveDecision FromDeleted(CheckpointMoveState state, CheckpointMoveEvent e) => e switch
    {
        CheckpointMoveEvent.Requested => new(state, [new ReportDropped(RefusedReason)]),

        // Deleted between its exit and now: the kill found no process, and its packed archive may be gone already.
        CheckpointMoveEvent.Exited => new(state, [new Finish(DeletedWhileShippedReason)]),
        CheckpointMoveEvent.ShipmentEnded s when state.Shipments > 0 => ShipmentEndedDeleted(state, s),
        CheckpointMoveEvent.Restarted when state.Shipments > 0 => new(new(CheckpointMovePhase.Shipping) { Shipments = state.Shipments }, []),
        CheckpointMoveEvent.Restarted => new(CheckpointMoveState.Idle, []),
        _ => Unchanged(state),
    };

    private static CheckpointMoveDecision ShipmentEndedDeleted(CheckpointMoveState state, CheckpointMoveEvent.ShipmentEnded s)
    {
        // Delivered before the cancel came: nothing to drop. Else it failed because the task was deleted.
        var failure = s.Failure is null ? null : DeletedWhileShippedReason;
        var next = state with { Shipments = state.Shipments - 1 };
        var ended = next.Shipments > 0 ? null : failure is null ? TransferOutcome.Completed : TransferOutcome.Dropped(failure);
        return new(next, [new Finish(failure)], ended);
    }

    private static CheckpointMoveDecision Unchanged(CheckpointMoveState state) => new(state, []);
}
