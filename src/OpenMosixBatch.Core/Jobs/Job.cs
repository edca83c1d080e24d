namespace OpenMosixBatch.Core.Jobs;

/// <summary>A submitted job as the queue server keeps it: the spec, its owner and its current state.</summary>
public sealed record Job
{
    public required long Id { get; init; }
    public required JobSpec Spec { get; init; }
    public required JobOwner Owner { get; init; }
    public required DateTimeOffset SubmitTime { get; init; }

    /// <summary>The job-level state, derived from the tasks and holds by <see cref="JobStateRules"/>.</summary>
    public required JobState State { get; init; }

    /// <summary>Why the job is not running (or why it ended), as qstat -f shows it.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The kind of the wait reason last recorded for the job (tracejob's <c>wait-reason</c> event), null before the
    /// first and once no task waits: a reason is recorded when its kind changes, not on every admission pass.
    /// </summary>
    public Admission.WaitKind? LastWait { get; init; }

    /// <summary>Held by its owner (qhold / -h); cleared by qrls.</summary>
    public bool UserHold { get; init; }

    /// <summary>True once every dependency is met (or the job has none); until then the job waits in W.</summary>
    public bool DependenciesMet { get; init; }

    /// <summary>One task per array element (one for a plain job), in index order.</summary>
    public required IReadOnlyList<JobTask> Tasks { get; init; }

    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public int? ExitStatus { get; init; }

    /// <summary>The cron schedule whose fire submitted this job, or null for a job a user submitted.</summary>
    public string? ScheduleName { get; init; }

    /// <summary>The fire time the schedule submitted this job for (the latest missed one after downtime), or null.</summary>
    public DateTimeOffset? ScheduledFireTime { get; init; }

    /// <summary>The id users see: <c>42</c>, or <c>42[]</c> for an array.</summary>
    public string DisplayId => JobIds.Format(Id, Spec.IsArray);
}
