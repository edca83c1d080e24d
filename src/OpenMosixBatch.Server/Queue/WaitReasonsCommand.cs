using OpenMosixBatch.Core.Admission;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Records the wait reasons an admission pass found changed (<see cref="WaitReasonChanges"/>): each job's new kind and
/// its <c>wait-reason</c> event. Decided again on the working set: a job that started, ended or was recorded since the
/// pass is left as it is.
/// </summary>
/// <remarks>
/// Published at once and stored with the job's next write (its dispatch or end) or at a clean stop, with no time limit:
/// a new reason costs no write of its own, however long the job waits. tracejob reads the kept events with the stored
/// ones (<see cref="JobQueue.EventsOf"/>). A crash loses a kept reason from the store only, where the job's last reason
/// is then the one before it, so the next admission pass records it again (stamped with that pass's time).
/// </remarks>
internal sealed class WaitReasonsCommand(IReadOnlyList<WaitReasonChange> changes) : QueueCommand<int>
{
    protected override int Run(WorkingSet working, DateTimeOffset now)
    {
        var recorded = 0;
        foreach (var change in changes)
        {
            if (working.Find(change.JobId) is { } job && WaitReasonChanges.Apply(job, change, now) is { } applied)
            {
                working.PutUnsaved(applied.Job, applied.Event, timed: false);
                recorded++;
            }
        }

        return recorded;
    }
}
