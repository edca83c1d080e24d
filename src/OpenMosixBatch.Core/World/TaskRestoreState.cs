namespace OpenMosixBatch.Core.World;

/// <summary>A start from a checkpoint on a node, for one task; changed only by <see cref="TaskRestoreMachine.Apply"/>.</summary>
/// <param name="Phase">Where it is.</param>
/// <param name="Point">The checkpoint it restores from (none when Idle or Deleted).</param>
public sealed record TaskRestoreState(TaskRestorePhase Phase, RestorePoint? Point = null)
{
    /// <summary>No restore (the state of a task the node keeps no entry for).</summary>
    public static TaskRestoreState Idle { get; } = new(TaskRestorePhase.Idle);

    /// <summary>Whether a restore is under way (it has not ended yet).</summary>
    public bool Active => Phase is TaskRestorePhase.FromLocalCopy or TaskRestorePhase.Fetching or TaskRestorePhase.FromServerCopy;

    /// <summary>Whether a copy of the task's checkpoint that arrives here is kept (not once the task was deleted here).</summary>
    public bool AcceptsCopies => Phase != TaskRestorePhase.Deleted;

    /// <summary>Whether the node keeps nothing for it (its entry can go).</summary>
    public bool Forgotten => Phase == TaskRestorePhase.Idle;
}
