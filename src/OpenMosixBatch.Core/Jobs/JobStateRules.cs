using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>The job state machine: submission, hold, release, delete, and the dependency-driven Q/W/H states.</summary>
public static class JobStateRules
{
    /// <summary>A new job's record: Held with -h, Waiting with unmet dependencies, else Queued; one task per element.</summary>
    public static Job Submit(long id, JobSpec spec, JobOwner owner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tasks = spec.Array is { } a
            ? a.Indices.Select(i => new JobTask(i, JobState.Queued)).ToList()
            : [new JobTask(0, JobState.Queued)];
        var job = new Job
        {
            Id = id,
            Spec = spec,
            Owner = owner,
            SubmitTime = now,
            State = JobState.Queued,
            Tasks = tasks,
            UserHold = spec.Held,
            DependenciesMet = spec.Dependencies.Count == 0,
        };
        var state = DeriveState(job);
        return job with { State = state, Reason = InitialReason(job, state) };
    }

    public static JobTransition Hold(Job job, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.State.IsFinished())
        {
            return JobTransition.Refused($"job {job.DisplayId} has already finished ({job.State.Letter()}): there is nothing to hold");
        }

        if (!job.Tasks.Any(t => t.State == JobState.Queued))
        {
            return JobTransition.Refused($"job {job.DisplayId} is running: qhold holds only jobs that have not started; use qdel to stop it");
        }

        var held = job with { UserHold = true };
        held = held with { State = DeriveState(held), Reason = "held by user" };
        return JobTransition.Done(held, Event(job, now, "held", $"held by {by}"));
    }

    public static JobTransition Release(Job job, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.UserHold || job.State.IsFinished())
        {
            return JobTransition.Refused($"job {job.DisplayId} is not held: qrls releases only held jobs");
        }

        var released = job with { UserHold = false };
        var state = DeriveState(released);
        released = released with { State = state, Reason = InitialReason(released, state) };
        return JobTransition.Done(released, Event(job, now, "released", $"released by {by}"));
    }

    /// <summary>Deletes a job (or with <paramref name="arrayIndex"/> one array element).</summary>
    /// <remarks>Queued elements end at once (and so does one between its nodes in a migration); running ones go to E and their node kills them.</remarks>
    public static JobTransition Delete(Job job, int? arrayIndex, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (arrayIndex is { } index && !job.Tasks.Any(t => t.Index == index))
        {
            return JobTransition.Refused($"job {job.DisplayId} has no element [{index}]: check the indices with 'qstat -t {job.DisplayId}'");
        }

        var targets = job.Tasks.Where(t => (arrayIndex is null || t.Index == arrayIndex) && !t.State.IsFinished()).ToList();
        if (targets.Count == 0)
        {
            var what = arrayIndex is { } i ? JobIds.FormatTask(job.Id, i) : job.DisplayId;
            return JobTransition.Refused($"job {what} has already finished: there is nothing to delete (see 'qstat -x')");
        }

        var reason = "deleted by " + by;
        var tasks = job.Tasks.Select(t => !targets.Contains(t) ? t
            // A task checkpointed for a move but not yet started on its target has no process left to wait for.
            : t.State.IsActive() && !(t.State == JobState.Migrating && t.StartTime is null) ? t with { State = JobState.Exiting, Reason = reason, ExitCause = ExitCause.Deletion }
            : t with { State = JobState.Deleted, Reason = reason, EndTime = now }).ToList();
        var deleted = Settle(job with { Tasks = tasks }, now, reason);
        var what2 = arrayIndex is { } j ? JobIds.FormatTask(job.Id, j) : job.DisplayId;
        return JobTransition.Done(deleted, Event(job, now, "deleted", $"{what2} {reason}"));
    }

    /// <summary>Re-evaluates Q/W for a job whose dependencies may have changed; null when nothing changes.</summary>
    public static Job? RefreshDependencies(Job job, Func<long, Job?> lookup, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(lookup);
        if (job.DependenciesMet || job.State.IsFinished())
        {
            return null;
        }

        foreach (var d in job.Spec.Dependencies)
        {
            var verdict = Evaluate(d, lookup(d.JobId));
            if (verdict == DependencyVerdict.Never)
            {
                var other = lookup(d.JobId);
                var why = $"dependency {d} can never be met ({d.JobId} {(other is null ? "is unknown" : Describe(other.State))})";
                var tasks = job.Tasks.Select(t => t.State.IsFinished() ? t : t with { State = JobState.Deleted, Reason = why, EndTime = now }).ToList();
                return Settle(job with { Tasks = tasks }, now, why);
            }

            if (verdict == DependencyVerdict.Pending)
            {
                return null;
            }
        }

        var met = job with { DependenciesMet = true };
        var state = DeriveState(met);
        return met with { State = state, Reason = InitialReason(met, state) };
    }

    /// <summary>Why a waiting job still waits: the first unmet dependency and the state of the job it waits for.</summary>
    public static string? PendingDependency(Job job, Func<long, Job?> lookup)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(lookup);
        foreach (var d in job.Spec.Dependencies)
        {
            var other = lookup(d.JobId);
            if (Evaluate(d, other) == DependencyVerdict.Pending)
            {
                return $"dependency {d} not met ({d.JobId} is {other?.State.Letter() ?? '?'})";
            }
        }

        return null;
    }

    /// <summary>The job-level state from its tasks, hold and dependencies.</summary>
    public static JobState DeriveState(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var tasks = job.Tasks;
        if (tasks.All(t => t.State.IsFinished()))
        {
            return tasks.Any(t => t.State == JobState.Failed) ? JobState.Failed
                : tasks.Any(t => t.State == JobState.Deleted) ? JobState.Deleted
                : JobState.Completed;
        }

        if (tasks.Any(t => t.State == JobState.Migrating))
        {
            return JobState.Migrating;
        }

        if (tasks.Any(t => t.State == JobState.Running))
        {
            return JobState.Running;
        }

        if (tasks.Any(t => t.State == JobState.Suspended))
        {
            return JobState.Suspended;
        }

        if (tasks.Any(t => t.State == JobState.Exiting))
        {
            return JobState.Exiting;
        }

        return job.UserHold ? JobState.Held : !job.DependenciesMet ? JobState.Waiting : JobState.Queued;
    }

    /// <summary>Re-derives the state after task changes and stamps the end when the job finished.</summary>
    public static Job Settle(Job job, DateTimeOffset now, string? reason)
    {
        ArgumentNullException.ThrowIfNull(job);
        var state = DeriveState(job);
        var finished = state.IsFinished();
        return job with
        {
            State = state,
            Reason = reason ?? job.Reason,
            EndTime = finished ? job.EndTime ?? now : job.EndTime,
            ExitStatus = finished ? job.Tasks.Select(t => t.ExitStatus).Where(e => e is not null).DefaultIfEmpty(null).Max() : job.ExitStatus,
        };
    }

    /// <summary>The reason a job that has not started shows in <paramref name="state"/> before admission gives it one.</summary>
    internal static string? InitialReason(Job job, JobState state) => state switch
    {
        JobState.Held => "held by user",
        JobState.Waiting => $"waiting for dependencies: {string.Join(',', job.Spec.Dependencies)}",
        _ => null,
    };

    private static DependencyVerdict Evaluate(Dependency d, Job? other)
    {
        if (other is null)
        {
            return DependencyVerdict.Never;
        }

        if (!other.State.IsFinished())
        {
            return DependencyVerdict.Pending;
        }

        var ok = other.State == JobState.Completed;
        return d.Type switch
        {
            DependencyType.AfterOk => ok ? DependencyVerdict.Met : DependencyVerdict.Never,
            DependencyType.AfterNotOk => ok ? DependencyVerdict.Never : DependencyVerdict.Met,
            _ => DependencyVerdict.Met,
        };
    }

    private static string Describe(JobState state) => state switch
    {
        JobState.Completed => "completed",
        JobState.Failed => "failed",
        JobState.Deleted => "was deleted",
        _ => "is " + state.Letter(),
    };

    private static JobEvent Event(Job job, DateTimeOffset now, string kind, string detail) => new(job.Id, now, kind, detail);

    private enum DependencyVerdict
    {
        Pending,
        Met,
        Never,
    }
}
