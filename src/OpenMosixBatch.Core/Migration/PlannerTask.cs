namespace OpenMosixBatch.Core.Migration;

/// <summary>One running task as the migration planner sees it: where it runs, its work, its footprint, its I/O.</summary>
/// <param name="JobId">Job number.</param>
/// <param name="TaskIndex">Array index, or 0 for a plain job.</param>
/// <param name="Node">Node it runs on now.</param>
/// <param name="HomeNode">
/// Its home node (where it was first placed, where its files are served from): running elsewhere costs the remote
/// I/O and system-call overheads.
/// </param>
public sealed record PlannerTask(long JobId, int TaskIndex, string Node, string HomeNode)
{
    /// <summary>False for run-home tasks (<c>-l migratable=false</c>, <c>#OMB --run-home</c>, like <c>mosrun -h</c>) and tasks that do not checkpoint.</summary>
    public bool Migratable { get; init; } = true;

    /// <summary>CPU time used so far; the remaining work when no walltime estimate is given (the age heuristic).</summary>
    public TimeSpan CpuTime { get; init; }

    /// <summary>Wall time since the task first started, subtracted from <see cref="WalltimeEstimate"/>.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The user's walltime request or estimate, when given.</summary>
    public TimeSpan? WalltimeEstimate { get; init; }

    /// <summary>Size of the checkpoint that would move (its last checkpoint or its checkpoint directory now, whichever is larger; its RSS when both are empty).</summary>
    public long CheckpointBytes { get; init; }

    /// <summary>Memory it needs on a target node (RSS, or its memory request).</summary>
    public long MemoryBytes { get; init; }

    /// <summary>Runnable processes it contributes to a node's demand (1 for a single-threaded task).</summary>
    public double Demand { get; init; } = 1.0;

    /// <summary>Bytes read per second, in KB (/proc/PID/io rchar rate).</summary>
    public double ReadKbPerSecond { get; init; }

    /// <summary>Bytes written per second, in KB (/proc/PID/io wchar rate).</summary>
    public double WriteKbPerSecond { get; init; }

    /// <summary>System calls per second (/proc/PID/io syscr + syscw rate, or a fuller count when measured).</summary>
    public double SyscallsPerSecond { get; init; }

    /// <summary>Read calls per second (syscr rate), charged the basic read overhead; 0 when not measured.</summary>
    public double ReadCallsPerSecond { get; init; }

    /// <summary>Write calls per second (syscw rate), charged the basic write overhead; 0 when not measured.</summary>
    public double WriteCallsPerSecond { get; init; }

    /// <summary>When it last migrated, or null if never; it waits the cool-down after that.</summary>
    public DateTimeOffset? LastMovedAt { get; init; }
}
