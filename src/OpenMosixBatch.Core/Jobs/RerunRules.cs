using System.Globalization;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// qrerun (administrators): a running job's tasks are killed on their nodes and go back to the queue, a checkpointing
/// task to resume from its last committed checkpoint, any other from the start. The kill moves them to E with
/// <see cref="ExitCause.Rerun"/> and a "requeued by" reason; their end (or the loss of their node) requeues them
/// instead of ending them.
/// </summary>
public static class RerunRules
{
    private const string ReasonPrefix = "requeued by ";

    /// <summary>The reason of a task that is being ended to be requeued, by <paramref name="by"/>.</summary>
    internal static string Reason(string by) => ReasonPrefix + by;

    public static JobTransition Rerun(Job job, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Tasks.Any(t => t.State == JobState.Migrating))
        {
            return JobTransition.Refused($"job {job.DisplayId} is migrating (M): try qrerun again once it shows R");
        }

        var targets = job.Tasks.Where(t => t.State is JobState.Running or JobState.Suspended).ToList();
        if (targets.Count == 0)
        {
            return JobTransition.Refused($"job {job.DisplayId} is not running ({job.State.Letter()}): qrerun requeues only running jobs");
        }

        if (!job.Spec.Rerunnable && targets.Any(t => t.LastCheckpoint is null))
        {
            return JobTransition.Refused($"job {job.DisplayId} is not rerunnable (qsub -r n) and has no checkpoint to resume from: it would start over; use qdel to end it");
        }

        var reason = ReasonPrefix + by;
        var tasks = job.Tasks.Select(t => targets.Contains(t) ? t with { State = JobState.Exiting, Reason = reason, ExitCause = ExitCause.Rerun } : t).ToList();
        var next = JobStateRules.Settle(job with { Tasks = tasks }, now, reason);
        var nodes = string.Join(',', targets.Select(t => t.Node?.First).OfType<string>().Distinct(StringComparer.Ordinal));
        return JobTransition.Done(next, new JobEvent(job.Id, now, "rerun", $"{job.DisplayId} on {nodes} requeued by {by}"));
    }

    /// <summary>The end of a task killed by qrerun: back to Q (keeping its checkpoints), with the CPU it used so far.</summary>
    internal static JobTransition Requeued(Job job, JobTask task, TaskOutcome? outcome, DateTimeOffset now)
    {
        var why = task.Reason!;
        var reason = task.LastCheckpoint is { } resume
            ? string.Create(CultureInfo.InvariantCulture, $"{why}; resumes from checkpoint generation {resume.Generation}")
            : $"{why}; starts again from the beginning";
        var next = CheckpointRules.Requeue(task, reason);
        if (outcome is not null)
        {
            next = next with { CpuTime = outcome.CpuTime > task.CpuTime ? outcome.CpuTime : task.CpuTime, PeakRssBytes = Math.Max(outcome.PeakRssBytes, task.PeakRssBytes) };
        }

        var settled = JobStateRules.Settle(job with { Tasks = [.. job.Tasks.Select(t => t.Index == task.Index ? next : t)] }, now, reason);
        var name = job.Spec.IsArray ? JobIds.FormatTask(job.Id, task.Index) : job.Id.ToString(CultureInfo.InvariantCulture);
        return JobTransition.Done(settled, new JobEvent(job.Id, now, "requeued", $"{name} on {task.Node}: {reason}"));
    }
}
