namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// A world that attaches lists the tasks its ranks run, adopted ones included. An order sent while no world was
/// attached (between two worlds: a relaunch for a membership change, a rank that died) never reached its node, so a
/// task may still run that the server has since deleted, requeued (<c>qrerun</c>, <c>omb node remove --now</c>) or
/// started elsewhere. Such a stray is killed at the attach, or it would run beside its rerun or forever.
/// </summary>
public static class StrayTasks
{
    /// <summary>Why the task the world runs on <paramref name="node"/> must be killed, or null to leave it running.</summary>
    /// <param name="job">The server's job, or null when it has none of that id.</param>
    /// <param name="taskIndex">The task's index in the job.</param>
    public static string? KillReason(Job? job, int taskIndex, string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var task = job?.Tasks.FirstOrDefault(t => t.Index == taskIndex);
        if (task is null)
        {
            return "the server has no such task";
        }

        return task.State switch
        {
            // Either side of a move may hold it: the move's own protocol settles it.
            JobState.Migrating => null,
            JobState.Exiting when task.ExitCause == ExitCause.Deletion => task.Reason ?? "it is being deleted",
            JobState.Exiting when task.ExitCause == ExitCause.Rerun => task.Reason ?? "it is being requeued",
            JobState.Running or JobState.Suspended or JobState.Exiting when task.Node?.First == node => null,
            JobState.Running or JobState.Suspended or JobState.Exiting => $"it runs on {task.Node} now",
            _ => $"it is no longer running ({task.State.Letter()}) since an order was lost between two worlds",
        };
    }
}
