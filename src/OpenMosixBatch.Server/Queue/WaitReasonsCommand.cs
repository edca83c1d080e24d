using OpenMosixBatch.Core.Admission;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Records the wait reasons an admission pass found changed (<see cref="WaitReasonChanges"/>): each job's new kind and
/// its <c>wait-reason</c> event, in one commit. Decided again on the working set: a job that started, ended or was
/// recorded since the pass is left as it is.
/// </summary>
internal sealed class WaitReasonsCommand(IReadOnlyList<WaitReasonChange> changes) : QueueCommand<int>
{
    protected override int Run(WorkingSet working, DateTimeOffset now)
    {
        var recorded = 0;
        foreach (var change in changes)
        {
            if (working.Find(change.JobId) is { } job && WaitReasonChanges.Apply(job, change, now) is { } applied)
            {
                working.Put(applied.Job, applied.Event);
                recorded++;
            }
        }

        return recorded;
    }
}
