using System.Globalization;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// The execution half of the state machine: Q → R when dispatched, E while its node ends it, then C, F or X;
/// back to Q when its node is lost and the job is rerunnable.
/// </summary>
/// <remarks>
/// Reports from nodes can be late or repeated (a world reconnects and resends): a report about a task that is not
/// in the state it expects is stale and yields null, so applying it twice changes nothing.
/// </remarks>
public static class TaskRunRules
{
    /// <summary>Marks a queued task running on <paramref name="nodes"/> (one per chunk) before its node is told.</summary>
    /// <param name="gpus">The GPUs it is given (<see cref="GpuDeviceAssignment"/>), or null for none.</param>
    public static JobTransition Dispatch(Job job, int index, IReadOnlyList<string> nodes, DateTimeOffset now, IReadOnlyList<GpuDevice>? gpus = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(nodes);
        var task = Find(job, index);
        if (task is null || task.State != JobState.Queued || job.UserHold || !job.DependenciesMet)
        {
            return JobTransition.Refused($"task {Name(job, index)} is no longer queued");
        }

        var where = ExecutionHosts.Of(nodes);
        var running = Replace(job, task with { State = JobState.Running, Node = where, GpuDevices = gpus ?? [], DispatchTime = now, Reason = null, ExitCause = ExitCause.None, EndTime = null, ExitStatus = null });
        running = JobStateRules.Settle(running, now, null) with { Reason = null };
        return JobTransition.Done(running, new JobEvent(job.Id, now, "dispatched", gpus is { Count: > 0 } ? $"{Name(job, index)} to {where} with GPUs {GpuDeviceAssignment.Describe(gpus)}" : $"{Name(job, index)} to {where}"));
    }

    /// <summary>The node started the process; null when the report is stale.</summary>
    public static Job? Started(Job job, int index, int sessionId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = Find(job, index);
        if (task is null || !task.State.IsActive() || task.StartTime is not null)
        {
            return null;
        }

        var started = Replace(job, task with { StartTime = at, SessionId = sessionId });
        return started with { StartTime = job.StartTime is { } s && s < at ? s : at };
    }

    /// <summary>The node is ending the task (a limit was exceeded): R (or S) → E with the reason; null when stale.</summary>
    public static Job? Exiting(Job job, int index, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = Find(job, index);
        if (task is null || task.State is not (JobState.Running or JobState.Suspended))
        {
            return null;
        }

        return JobStateRules.Settle(Replace(job, task with { State = JobState.Exiting, Reason = reason, ExitCause = ExitCause.Limit }), now, null);
    }

    /// <summary>The process ended: C on exit 0, F otherwise or when a limit killed it, X when it was deleted.</summary>
    public static JobTransition? Ended(Job job, int index, TaskOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(outcome);
        var task = Find(job, index);
        if (task is null || !task.State.IsActive())
        {
            return null;
        }

        if (task.State == JobState.Exiting && task.ExitCause == ExitCause.Rerun)
        {
            return RerunRules.Requeued(job, task, outcome, now);
        }

        var deleted = task.State == JobState.Exiting && task.ExitCause == ExitCause.Deletion;
        var (state, reason) = deleted ? (JobState.Deleted, task.Reason)
            : outcome.KillReason is { } killed ? (JobState.Failed, killed)
            : outcome.ExitStatus == 0 ? (JobState.Completed, null)
            : (JobState.Failed, string.Create(CultureInfo.InvariantCulture, $"exited with status {outcome.ExitStatus}"));
        var ended = task with
        {
            State = state,
            Reason = reason,
            ExitCause = ExitCause.None,
            ExitStatus = outcome.ExitStatus,
            EndTime = outcome.EndTime,
            CpuTime = outcome.CpuTime > task.CpuTime ? outcome.CpuTime : task.CpuTime,
            PeakRssBytes = Math.Max(outcome.PeakRssBytes, task.PeakRssBytes),
        };
        var settled = JobStateRules.Settle(Replace(job, ended), now, job.Spec.IsArray ? job.Reason : reason);
        var detail = string.Create(CultureInfo.InvariantCulture, $"{Name(job, index)} on {task.Node} ended with status {outcome.ExitStatus}");
        return JobTransition.Done(settled, new JobEvent(job.Id, now, state == JobState.Completed ? "completed" : state == JobState.Deleted ? "deleted" : "failed",
            reason is null ? detail : detail + ": " + reason));
    }

    /// <summary>
    /// Its node or world was lost while the task ran: a rerunnable task goes back to the queue, any other fails with
    /// the reason; one being deleted ends deleted, one being rerun is requeued, one being killed for a limit fails; one
    /// with a committed checkpoint is requeued to resume from it.
    /// Null when the task was not active.
    /// </summary>
    public static JobTransition? Lost(Job job, int index, string why, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = Find(job, index);
        if (task is null || !task.State.IsActive())
        {
            return null;
        }

        JobTask next;
        string kind;
        if (task.State == JobState.Exiting && task.ExitCause == ExitCause.Deletion)
        {
            next = task with { State = JobState.Deleted, ExitCause = ExitCause.None, EndTime = now };
            kind = "deleted";
        }
        else if (task.State == JobState.Exiting && task.ExitCause == ExitCause.Rerun)
        {
            return RerunRules.Requeued(job, task, null, now);
        }
        else if (task.State == JobState.Exiting && task.ExitCause == ExitCause.Limit)
        {
            // Its node was killing it for a limit: a rerun or a resume would only meet the limit again, and its end,
            // had it been reported, would have failed it (a checkpoint exit included).
            next = task with { State = JobState.Failed, ExitCause = ExitCause.None, EndTime = now, Reason = $"{task.Reason} ({why} before its end was reported)" };
            kind = "failed";
        }
        else if (task.LastCheckpoint is { } resume)
        {
            // A committed checkpoint is not a rerun from the start: the task resumes where it was, rerunnable or not.
            next = CheckpointRules.Requeue(task, string.Create(CultureInfo.InvariantCulture, $"requeued: {why}; resumes from checkpoint generation {resume.Generation}"));
            kind = "requeued";
        }
        else if (job.Spec.Rerunnable)
        {
            next = CheckpointRules.Requeue(task, $"requeued: {why}");
            kind = "requeued";
        }
        else
        {
            next = task with { State = JobState.Failed, ExitCause = ExitCause.None, EndTime = now, Reason = $"{why}; not rerunnable (qsub -r n), so it was not started again" };
            kind = "failed";
        }

        var settled = JobStateRules.Settle(Replace(job, next), now, next.Reason);
        return JobTransition.Done(settled, new JobEvent(job.Id, now, kind, $"{Name(job, index)} on {task.Node}: {next.Reason}"));
    }

    /// <summary>
    /// A world attached whose ranks on every one of the task's nodes neither run it nor report it, while the task was
    /// dispatched there and its start never reported: its start order died with the earlier world, and it never ran
    /// (a shepherd it had started would have been adopted and reported by the new rank of a node still in the world).
    /// It waits again as it was before its dispatch: not a rerun, so neither counted in its requeues nor refused for a
    /// job that is not rerunnable. Null when the task started, is moving or ending, or a node of it left the world:
    /// then it was lost with its node (<see cref="Lost"/>).
    /// </summary>
    public static JobTransition? StartOrderLost(Job job, int index, IReadOnlySet<string> worldNodes, string why, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(worldNodes);
        var task = Find(job, index);
        if (task is not { State: JobState.Running, SessionId: null, StartTime: null, Migration: null, Node: not null }
            || !task.Node.All(worldNodes.Contains))
        {
            return null;
        }

        // As a requeue leaves it, but not counted as one: it never ran.
        var next = CheckpointRules.Requeue(task, $"queued again: {why}; it never started") with { Requeues = task.Requeues };
        var settled = JobStateRules.Settle(Replace(job, next), now, next.Reason);
        return JobTransition.Done(settled, new JobEvent(job.Id, now, "requeued", $"{Name(job, index)} on {task.Node}: {next.Reason}"));
    }

    private static JobTask? Find(Job job, int index) => job.Tasks.FirstOrDefault(t => t.Index == index);

    private static Job Replace(Job job, JobTask task) => job with { Tasks = [.. job.Tasks.Select(t => t.Index == task.Index ? task : t)] };

    private static string Name(Job job, int index) => job.Spec.IsArray ? JobIds.FormatTask(job.Id, index) : job.Id.ToString(CultureInfo.InvariantCulture);
}
