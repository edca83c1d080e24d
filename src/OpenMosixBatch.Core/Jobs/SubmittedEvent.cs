using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// A job's "submitted" event, derived from the job itself (its id, submit time, owner, cron schedule and queue) rather than
/// stored: a submission's commit writes its job only, not a second document (with two index entries) for an event the job
/// already says. History read from an older store still holds a stored one, which is then shown instead.
/// </summary>
public static class SubmittedEvent
{
    /// <summary>The kind of the event.</summary>
    public const string Kind = "submitted";

    /// <summary>
    /// The event of <paramref name="job"/>'s submission, as tracejob shows it. The job's queue is the one it was submitted
    /// to unless it was <paramref name="moved"/> since; then the move's own event names both queues and this names none.
    /// </summary>
    public static JobEvent Of(Job job, bool moved = false)
    {
        ArgumentNullException.ThrowIfNull(job);
        var by = job.ScheduleName is null ? job.Owner.UserName : $"schedule {job.ScheduleName} for {job.Owner.UserName}";
        return new JobEvent(job.Id, job.SubmitTime, Kind, moved ? $"submitted by {by}" : $"submitted by {by} to queue {job.Spec.Queue}");
    }

    /// <summary>
    /// <paramref name="events"/> (a job's history, oldest first) with <paramref name="job"/>'s submission in its place:
    /// first among the events of its time, as it was appended before any other of the job's. Unchanged when
    /// <paramref name="job"/> is unknown (its history pruned) or a stored submission event is among them.
    /// </summary>
    public static IReadOnlyList<JobEvent> Complete(Job? job, IReadOnlyList<JobEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (job is null || events.Any(e => e.Kind == Kind))
        {
            return events;
        }

        var submitted = Of(job, moved: events.Any(e => e.Kind == MoveRules.EventKind));
        var at = 0;
        while (at < events.Count && events[at].Time < submitted.Time)
        {
            at++;
        }

        return [.. events.Take(at), submitted, .. events.Skip(at)];
    }
}
