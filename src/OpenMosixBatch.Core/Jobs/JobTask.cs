namespace OpenMosixBatch.Core.Jobs;

/// <summary>One runnable unit of a job: the job itself, or one array element.</summary>
/// <param name="Index">Array index, or 0 for a plain job.</param>
public sealed record JobTask(int Index, JobState State)
{
    /// <summary>The node(s) it runs on, one per chunk (PBS exec_host); stored and shown comma-joined.</summary>
    public ExecutionHosts? Node { get; init; }
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The GPUs it holds while active, assigned at dispatch (empty for a task without GPUs).</summary>
    public IReadOnlyList<GpuDevice> GpuDevices { get; init => field = value ?? []; } = [];
    public DateTimeOffset? EndTime { get; init; }
    public int? ExitStatus { get; init; }
    public TimeSpan CpuTime { get; init; }
    public long PeakRssBytes { get; init; }

    /// <summary>What its parts on each node used (<c>omb rsh</c>, an MPI job's ranks); <see cref="CpuTime"/> is its own process tree's.</summary>
    public IReadOnlyList<TaskNodeUsage> PartUsage { get; init; } = [];
    public int RestartCount { get; init; }

    /// <summary>When admission dispatched it to its node (the start of dispatch latency).</summary>
    public DateTimeOffset? DispatchTime { get; init; }

    /// <summary>The task's session and process group id on its node (PBS session_id); null until it started.</summary>
    public int? SessionId { get; init; }

    /// <summary>How often it went back to the queue after losing its node (rerunnable tasks).</summary>
    public int Requeues { get; init; }

    /// <summary>Why the task is where it is (why it waits, why it was killed): for people; no rule reads it.</summary>
    public string? Reason { get; init; }

    /// <summary>Why the task in E is being ended (set with its <see cref="Reason"/>); what its end makes of it. None out of E.</summary>
    public ExitCause ExitCause { get; init; }

    /// <summary>The committed checkpoints the server keeps, oldest first (at most <see cref="CheckpointRules.KeptGenerations"/>).</summary>
    public IReadOnlyList<TaskCheckpoint> Checkpoints { get; init; } = [];

    /// <summary>The highest generation ever committed for this task; the next upload gets this + 1.</summary>
    public int CheckpointGeneration { get; init; }

    /// <summary>Generations found corrupt (hash mismatch at the server or a node): never restored again.</summary>
    public IReadOnlyList<int> BadGenerations { get; init; } = [];

    /// <summary>How often the task moved to another node.</summary>
    public int Migrations { get; init; }

    /// <summary>The last completed move, with its measured cost; null before the first.</summary>
    public TaskMigration? LastMigration { get; init; }

    /// <summary>The move in flight while the task is in state M; null otherwise.</summary>
    public PendingMigration? Migration { get; init; }

    /// <summary>
    /// Why rank 0's migration planner last left the running task where it is (its latest decision, for qstat -f); null
    /// before a planner tick saw the task and from the moment it is ordered to move.
    /// </summary>
    public string? StayReason { get; init; }

    /// <summary>The newest kept checkpoint that is not known bad: what a restart restores.</summary>
    public TaskCheckpoint? LastCheckpoint => Checkpoints.LastOrDefault(c => !BadGenerations.Contains(c.Generation));
}
