namespace OpenMosixBatch.Core.Jobs;

/// <summary>Why a task left its process with the checkpoint exit code, which decides where it restarts.</summary>
public enum CheckpointCause
{
    /// <summary>The task checkpointed on its own, or on the node's periodic signal: restart it on the same node.</summary>
    Periodic,

    /// <summary>A migration order asked for it: restart it on the order's target node.</summary>
    Migration,

    /// <summary>Its node is being stopped or drained: restart it wherever the dispatcher places it.</summary>
    Eviction,
}
