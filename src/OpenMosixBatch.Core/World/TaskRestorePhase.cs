namespace OpenMosixBatch.Core.World;

/// <summary>Where a start from a checkpoint is on its node (see <see cref="TaskRestoreMachine"/>).</summary>
public enum TaskRestorePhase
{
    /// <summary>No restore: the node keeps nothing for the task.</summary>
    Idle,

    /// <summary>Launched from a copy this node held (its own packing, or a move's copy from the source rank).</summary>
    FromLocalCopy,

    /// <summary>Waiting for the server's committed copy, fetched through rank 0.</summary>
    Fetching,

    /// <summary>Launched from the server's copy.</summary>
    FromServerCopy,

    /// <summary>The task was deleted here: a copy of it that arrives is dropped, until a start order for it comes.</summary>
    Deleted,
}
