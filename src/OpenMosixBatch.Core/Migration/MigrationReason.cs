namespace OpenMosixBatch.Core.Migration;

/// <summary>Why the planner proposes a move.</summary>
public enum MigrationReason
{
    /// <summary>The task finishes sooner on the target by more than the move costs (with hysteresis).</summary>
    CpuGain,

    /// <summary>Its node is below the free-memory low-water mark: moved away before the kernel swaps.</summary>
    MemoryUshering,

    /// <summary>Its node is being expelled (offline or <c>omb node expel</c>): moved away regardless of gain.</summary>
    Expel,
}
