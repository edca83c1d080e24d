using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Storage;

/// <summary>When a finished job ended: what its history and its accounting record are kept and pruned by.</summary>
public static class JobEnd
{
    /// <summary>
    /// The job's end time, else its last task's end, else its submission (a job deleted before it ever ran); null
    /// while it has not finished.
    /// </summary>
    public static DateTimeOffset? Of(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.State.IsFinished() ? job.EndTime ?? job.Tasks.Select(t => t.EndTime).Max() ?? job.SubmitTime : null;
    }
}
