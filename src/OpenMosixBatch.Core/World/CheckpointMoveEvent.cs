using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.World;

/// <summary>What can happen to a checkpoint leaving its node; each kind is a nested record.</summary>
public abstract record CheckpointMoveEvent
{
    private CheckpointMoveEvent()
    {
    }

    /// <summary>Rank 0 asks this rank to move the task to <paramref name="Target"/>.</summary>
    public sealed record Requested(MoveTarget Target) : CheckpointMoveEvent;

    /// <summary>The task runner would not signal it: it does not run here (any more) or does not checkpoint.</summary>
    public sealed record Refused : CheckpointMoveEvent;

    /// <summary>The task did not checkpoint within the grace period: it runs on here (the runner reported the drop).</summary>
    public sealed record Declined : CheckpointMoveEvent;

    /// <summary>The task ended or was lost here without a checkpoint exit.</summary>
    public sealed record TaskEnded : CheckpointMoveEvent;

    /// <summary>The task exited to checkpoint and its checkpoint is packed, for <paramref name="Cause"/>.</summary>
    public sealed record Exited(CheckpointCause Cause) : CheckpointMoveEvent;

    /// <summary>A shipment of its checkpoint ended: delivered (and, on rank 0, committed), or not for <paramref name="Failure"/>.</summary>
    public sealed record ShipmentEnded(string? Failure) : CheckpointMoveEvent;

    /// <summary>The server deleted the task or restarts it elsewhere (a Kill order for this node).</summary>
    public sealed record Deleted : CheckpointMoveEvent;

    /// <summary>A start order for the task came to this node: it may run and checkpoint here again.</summary>
    public sealed record Restarted : CheckpointMoveEvent;
}
