namespace OpenMosixBatch.Core.World;

/// <summary>The outcome of one event: the new state, what the node must do in order, and how the move ended if it did.</summary>
public sealed record CheckpointMoveDecision(CheckpointMoveState State, IReadOnlyList<CheckpointMoveAction> Actions, TransferOutcome? Ended = null);
