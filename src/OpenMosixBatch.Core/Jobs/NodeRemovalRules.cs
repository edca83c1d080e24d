using System.Globalization;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// <c>omb node remove NAME --now</c>: what becomes of each task active on the removed node. A task that will run again
/// (rerunnable, or with a committed checkpoint) is ended first, as <c>qrerun</c> ends it: E until its node reports its
/// end, and only then back to the queue, so its rerun never starts while the removed node still runs it. A task that
/// cannot run again fails at once with the reason. A move in flight is settled as a lost node's, killed at both ends.
/// </summary>
public static class NodeRemovalRules
{
    /// <summary>The decision for one task of <paramref name="job"/> on the removed <paramref name="node"/>.</summary>
    public static NodeRemovalOutcome Decide(Job job, JobTask task, string node)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(task);
        if (!task.State.IsActive() || task.Node is null || !task.Node.Contains(node))
        {
            return NodeRemovalOutcome.Untouched;
        }

        return task.State switch
        {
            JobState.Exiting => NodeRemovalOutcome.Untouched,
            JobState.Running or JobState.Suspended when job.Spec.Rerunnable || task.LastCheckpoint is not null => NodeRemovalOutcome.EndThenRequeue,
            _ => NodeRemovalOutcome.LoseNow,
        };
    }

    /// <summary>
    /// Applies the removal to every task of <paramref name="job"/>: one transition per task it changes, each on the job
    /// the previous one left (the last one's job is the result). Empty when nothing of the job is on the node.
    /// </summary>
    /// <param name="why">Why a task that cannot wait for its end is failed or requeued (names the node and the command).</param>
    public static IReadOnlyList<JobTransition> Evict(Job job, string node, string why, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        var transitions = new List<JobTransition>();
        var current = job;
        foreach (var index in job.Tasks.Select(t => t.Index).ToList())
        {
            var task = current.Tasks.First(t => t.Index == index);
            var step = Decide(current, task, node) switch
            {
                NodeRemovalOutcome.EndThenRequeue => Ending(current, task, node, now),
                NodeRemovalOutcome.LoseNow => TaskRunRules.Lost(current, index, why, now),
                _ => null,
            };
            if (step is { Ok: true, Job: { } next })
            {
                transitions.Add(step);
                current = next;
            }
        }

        return transitions;
    }

    private static JobTransition Ending(Job job, JobTask task, string node, DateTimeOffset now)
    {
        var reason = RerunRules.Reason($"omb node remove --now of {node}");
        var tasks = job.Tasks.Select(t => t.Index == task.Index ? t with { State = JobState.Exiting, Reason = reason, ExitCause = ExitCause.Rerun } : t).ToList();
        var next = JobStateRules.Settle(job with { Tasks = tasks }, now, reason);
        var name = job.Spec.IsArray ? JobIds.FormatTask(job.Id, task.Index) : job.Id.ToString(CultureInfo.InvariantCulture);
        return JobTransition.Done(next, new JobEvent(job.Id, now, "rerun", $"{name} on {task.Node}: {reason}"));
    }
}
