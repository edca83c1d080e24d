namespace OpenMosixBatch.Node.Execution;

/// <summary>What the runner reports about a task to whoever forwards it to the server.</summary>
public abstract record TaskReport(long JobId, int TaskIndex);

/// <summary>The process started.</summary>
public sealed record TaskStarted(long JobId, int TaskIndex, int Pid, DateTimeOffset Time) : TaskReport(JobId, TaskIndex);

/// <summary>A periodic measurement of the task's whole process group.</summary>
public sealed record TaskSampled(long JobId, int TaskIndex, TimeSpan CpuTime, long RssBytes, long PeakRssBytes, double ReadKbPerSecond, double WriteKbPerSecond, double SyscallsPerSecond)
    : TaskReport(JobId, TaskIndex)
{
    /// <summary>Total time the group's processes waited for a CPU while runnable (never decreasing).</summary>
    public TimeSpan RunQueueWait { get; init; }

    /// <summary>Bytes in its checkpoint directory now (0 when it does not checkpoint).</summary>
    public long CheckpointDirectoryBytes { get; init; }
}

/// <summary>The node is killing the task for exceeding a limit (<see cref="Reason"/>); it ends shortly.</summary>
public sealed record TaskExiting(long JobId, int TaskIndex, string Reason) : TaskReport(JobId, TaskIndex);

/// <summary>The task ended; <see cref="Reason"/> says why when the node ended it (limit, deletion) or it could not start.</summary>
public sealed record TaskEnded(long JobId, int TaskIndex, int ExitStatus, DateTimeOffset Time, TimeSpan CpuTime, long PeakRssBytes, string? Reason)
    : TaskReport(JobId, TaskIndex);

/// <summary>
/// The task's end is unknown: its shepherd ended without recording it (it was killed). The node ended what was left
/// of the task's group; the server treats the task as lost (requeued, or resumed from its last checkpoint).
/// </summary>
public sealed record TaskLost(long JobId, int TaskIndex, string Reason) : TaskReport(JobId, TaskIndex);

/// <summary>
/// The task exited with its checkpoint exit code and its checkpoint directory is packed at <see cref="ArchivePath"/>
/// (SHA-256 <see cref="Sha256"/>, <see cref="Bytes"/> long); <see cref="Cause"/> and <see cref="Target"/> say why.
/// </summary>
public sealed record TaskCheckpointed(long JobId, int TaskIndex, string ArchivePath, string Sha256, long Bytes, Core.Jobs.CheckpointCause Cause, string? Target, DateTimeOffset Time, TimeSpan CpuTime)
    : TaskReport(JobId, TaskIndex)
{
    /// <summary>How long packing and hashing the directory took (the node's share of a checkpoint exit, for its log).</summary>
    public TimeSpan PackTime { get; init; }
}

/// <summary>A checkpoint asked for with a grace period (a migration) did not come in time; the task runs on.</summary>
public sealed record TaskCheckpointDropped(long JobId, int TaskIndex, Core.Jobs.CheckpointCause Cause, string? Target, string Reason)
    : TaskReport(JobId, TaskIndex);

/// <summary>The checkpoint to resume from failed its hash check or could not be unpacked; the task did not start.</summary>
public sealed record TaskRestoreFailed(long JobId, int TaskIndex, int Generation, string Reason)
    : TaskReport(JobId, TaskIndex);

/// <summary>Part <see cref="PartId"/> of the task (<c>omb rsh</c>) printed these bytes.</summary>
public sealed record TaskPartOutput(long JobId, int TaskIndex, long PartId, byte[] Stdout, byte[] Stderr) : TaskReport(JobId, TaskIndex);

/// <summary>Part <see cref="PartId"/> of the task ended (or could not start: <see cref="Reason"/>).</summary>
public sealed record TaskPartEnded(long JobId, int TaskIndex, long PartId, int ExitStatus, TimeSpan CpuTime, long PeakRssBytes, string? Reason)
    : TaskReport(JobId, TaskIndex);
