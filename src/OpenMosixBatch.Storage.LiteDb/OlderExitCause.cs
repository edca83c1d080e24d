using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Storage.LiteDb;

/// <summary>
/// A job record written before <see cref="JobTask.ExitCause"/> existed holds a task in E with no cause: the one place
/// a reason text is still read, to give that task the cause its text meant to the build that wrote it. A later write
/// stores the cause, so the text is never read again for it.
/// </summary>
/// <remarks>
/// Every path into E in this build sets a cause, so a task in E without one can only come from such a record. The
/// prefixes are the texts those builds wrote, fixed for good: Core may word its reasons otherwise from now on.
/// </remarks>
internal static class OlderExitCause
{
    private const string DeletionPrefix = "deleted by ";
    private const string RerunPrefix = "requeued by ";

    /// <summary>The job with a cause on each task in E that has none; the same instance when no task needs one.</summary>
    public static Job Derive(Job job)
    {
        if (!job.Tasks.Any(NeedsCause))
        {
            return job;
        }

        return job with { Tasks = [.. job.Tasks.Select(t => NeedsCause(t) ? t with { ExitCause = Of(t.Reason) } : t)] };
    }

    /// <summary>What an older build's reason of a task in E meant: qdel, qrerun (or node removal), else its node's limit kill.</summary>
    public static ExitCause Of(string? reason) =>
        reason?.StartsWith(DeletionPrefix, StringComparison.Ordinal) == true ? ExitCause.Deletion
        : reason?.StartsWith(RerunPrefix, StringComparison.Ordinal) == true ? ExitCause.Rerun
        : ExitCause.Limit;

    private static bool NeedsCause(JobTask task) => task.State == JobState.Exiting && task.ExitCause == ExitCause.None;
}
