namespace OpenMosixBatch.Core.Cluster;

/// <summary>One running task as its node measured it: what the migration planner and qstat need.</summary>
public sealed record TaskLoad(
    long JobId,
    int TaskIndex,
    TimeSpan CpuTime,
    long RssBytes,
    long PeakRssBytes,
    double ReadKbPerSecond,
    double WriteKbPerSecond,
    double SyscallsPerSecond)
{
    /// <summary>
    /// Total time the task's processes waited for a CPU while runnable (Linux schedstat; zero where the kernel keeps
    /// none). CPU time plus this wait over a tick is how much CPU the task wanted.
    /// </summary>
    public TimeSpan RunQueueWait { get; init; }

    /// <summary>
    /// Bytes in the task's <c>$OMB_CHECKPOINT_DIR</c> now (0 for a task that does not checkpoint): what its next
    /// checkpoint packs at least, already known before the first checkpoint is taken.
    /// </summary>
    public long CheckpointDirectoryBytes { get; init; }
}
