namespace OpenMosixBatch.Core.Jobs;

/// <summary>One runnable unit of a job: the job itself, or one array element.</summary>
/// <param name="Index">Array index, or 0 for a plain job.</param>
public sealed record JobTask(int Index, JobState State)
{
    /// <summary>The node(s) it runs on, one per chunk, comma-separated (PBS exec_host).</summary>
    public string? Node { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public int? ExitStatus { get; init; }
    public TimeSpan CpuTime { get; init; }
    public long PeakRssBytes { get; init; }
    public int RestartCount { get; init; }

    /// <summary>Why the task is where it is (why it waits, why it was killed).</summary>
    public string? Reason { get; init; }
}
