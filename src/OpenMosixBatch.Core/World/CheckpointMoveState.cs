namespace OpenMosixBatch.Core.World;

/// <summary>A checkpoint leaving its node, for one task; changed only by <see cref="CheckpointMoveMachine.Apply"/>.</summary>
/// <param name="Phase">Where it is.</param>
public sealed record CheckpointMoveState(CheckpointMovePhase Phase)
{
    /// <summary>Nothing leaving (the state of a task the node keeps no entry for).</summary>
    public static CheckpointMoveState Idle { get; } = new(CheckpointMovePhase.Idle);

    /// <summary>The move's target while one was asked (signalled, or its checkpoint shipping); null for a plain checkpoint exit.</summary>
    public MoveTarget? Target { get; init; }

    /// <summary>How many shipments of its checkpoint exits are still running (Shipping, or Deleted while they wind down).</summary>
    public int Shipments { get; init; }

    /// <summary>Whether a move or shipment is under way (it has not ended yet).</summary>
    public bool Active => Phase is CheckpointMovePhase.Signalled or CheckpointMovePhase.Shipping || Shipments > 0;

    /// <summary>Whether the node keeps nothing for it (its entry can go).</summary>
    public bool Forgotten => Phase == CheckpointMovePhase.Idle;
}
