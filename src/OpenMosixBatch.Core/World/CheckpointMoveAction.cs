namespace OpenMosixBatch.Core.World;

/// <summary>What the node does after a decision of <see cref="CheckpointMoveMachine"/>; each kind is a nested record.</summary>
public abstract record CheckpointMoveAction
{
    private CheckpointMoveAction()
    {
    }

    /// <summary>Ask the task runner to signal the task to checkpoint for a move to <paramref name="Target"/>; feed <see cref="CheckpointMoveEvent.Refused"/> if it will not.</summary>
    public sealed record Signal(MoveTarget Target) : CheckpointMoveAction;

    /// <summary>Tell the server the move is dropped for <paramref name="Reason"/>; the task runs on here.</summary>
    public sealed record ReportDropped(string Reason) : CheckpointMoveAction;

    /// <summary>Ship the packed checkpoint to rank 0 (and a copy to <paramref name="Migration"/>'s target); feed <see cref="CheckpointMoveEvent.ShipmentEnded"/>.</summary>
    public sealed record Ship(MoveTarget? Migration) : CheckpointMoveAction;

    /// <summary>Cancel the task's shipment that is running.</summary>
    public sealed record CancelShipment : CheckpointMoveAction;

    /// <summary>
    /// A shipment ended: drop the task's copies here when it failed (<paramref name="Failure"/>) or the task moved away,
    /// and when it failed tell the server the checkpoint exit was not committed (it runs the task again).
    /// </summary>
    public sealed record Finish(string? Failure) : CheckpointMoveAction;
}
