namespace OpenMosixBatch.Core.Admission;

/// <summary>What holds a waiting job back in an admission pass; the pass decides on this, never on the reason's text.</summary>
public enum WaitKind
{
    /// <summary>qhold, or submitted held.</summary>
    Held,

    /// <summary>A dependency is not met yet.</summary>
    Dependency,

    /// <summary>The array runs as many elements as its %limit allows.</summary>
    ArrayLimit,

    /// <summary>Starting it would delay the job holding the backfill reservation.</summary>
    Backfill,

    /// <summary>No node that accepts work has the CPUs and memory free.</summary>
    NoRoom,

    /// <summary>It would fit, but the cluster would go over its queue's CPU or memory threshold.</summary>
    OverThreshold,
}
