using OpenMosixBatch.Core.World;

namespace OpenMosixBatch.Node.World;

/// <summary>A task's checkpoint leaving this node: its machine's state, and the cancellation of its running shipment.</summary>
/// <param name="State">The state <see cref="CheckpointMoveMachine"/> decides by.</param>
/// <param name="Shipment">The latest shipment's cancellation (a Kill cancels it at once), once the shipment runs.</param>
internal sealed record CheckpointMoveEntry(CheckpointMoveState State, CancellationTokenSource? Shipment);
