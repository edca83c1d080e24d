namespace OpenMosixBatch.Core.Migration;

/// <summary>Why a task moves: the planner's three causes, or an order. Carried typed from rank 0 to the server (metrics label it).</summary>
public enum MigrationReason
{
    /// <summary>The task finishes sooner on the target by more than the move costs (with hysteresis).</summary>
    CpuGain,

    /// <summary>Its node is below the free-memory low-water mark: moved away before the kernel swaps.</summary>
    MemoryUshering,

    /// <summary>Its node is being expelled (offline or <c>omb node expel</c>): moved away regardless of gain.</summary>
    Expel,

    /// <summary>Ordered by <c>omb migrate</c> (its owner or an administrator), not by the planner.</summary>
    Manual,
}
