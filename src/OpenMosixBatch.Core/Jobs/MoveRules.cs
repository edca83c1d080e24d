using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>qmove: a job none of whose tasks has started moves to another known queue; its reason is worked out again there.</summary>
public static class MoveRules
{
    /// <summary>The kind of the event a move records.</summary>
    public const string EventKind = "moved";

    public static JobTransition Move(Job job, string queue, IReadOnlyList<string> knownQueues, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(knownQueues);
        if (!knownQueues.Contains(queue, StringComparer.Ordinal))
        {
            return JobTransition.Refused($"unknown queue '{InputText.Quote(queue)}': known queues are {string.Join(", ", knownQueues)}");
        }

        if (job.State.IsFinished())
        {
            return JobTransition.Refused($"job {job.DisplayId} has already finished ({job.State.Letter()}): there is nothing to move");
        }

        if (job.Tasks.Any(t => t.State != JobState.Queued))
        {
            return JobTransition.Refused($"job {job.DisplayId} has started ({job.State.Letter()}): qmove moves only jobs waiting to start (Q, H, W)");
        }

        if (job.Spec.Queue == queue)
        {
            return JobTransition.Refused($"job {job.DisplayId} is already in queue {queue}: nothing to move");
        }

        var moved = job with { Spec = job.Spec with { Queue = queue } };
        return JobTransition.Done(moved, new JobEvent(job.Id, now, EventKind, $"moved from queue {job.Spec.Queue} to {queue} by {by}"));
    }
}
