namespace OpenMosixBatch.Core.World;

/// <summary>Where a checkpoint leaving its node is (see <see cref="CheckpointMoveMachine"/>).</summary>
public enum CheckpointMovePhase
{
    /// <summary>Nothing is leaving: no move asked, no checkpoint exit being shipped.</summary>
    Idle,

    /// <summary>A move was asked and the task signalled to checkpoint; its checkpoint exit is awaited.</summary>
    Signalled,

    /// <summary>Its checkpoint exit is being shipped (to rank 0 for the server, and to a move's target).</summary>
    Shipping,

    /// <summary>
    /// The task was deleted (or restarts elsewhere): a shipment of it still running was cancelled, and a checkpoint
    /// exit of it that comes later is not shipped. Until a start order for it comes to this node.
    /// </summary>
    Deleted,
}
