using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// A plain task's dispatch kept in memory until its job's next write (its end, for a short job), so that a short job
/// is written twice (submitted, ended) instead of three times. A server killed meanwhile has the task in its store as
/// waiting, never dispatched; the world that still runs it (or reports its start again) says so when it attaches, and
/// the server adopts it as running there (<see cref="Adopt"/>) before its next admission pass can start it again.
/// </summary>
/// <remarks>
/// Only a task whose adoption is unambiguous may wait: one chunk on one node (the attach names the node), no GPUs (their
/// assignment is not in the world's report), no checkpoints (its checkpoints and moves need the stored dispatch and
/// start), and never dispatched before (a task requeued once may still run from the earlier dispatch on a node that
/// came back: that one is a stray, killed when its world attaches, see <see cref="StrayTasks"/>).
/// </remarks>
public static class UnsavedDispatch
{
    /// <summary>Whether the dispatch of task <paramref name="index"/> of <paramref name="job"/> (as it waits) may be kept in memory.</summary>
    public static bool MayWait(Job job, int index, IReadOnlyList<string> nodes, IReadOnlyList<GpuDevice>? gpus)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(nodes);
        return nodes.Count == 1 && gpus is not { Count: > 0 } && IsFirstRunOfPlainTask(job, index);
    }

    /// <summary>
    /// The job with task <paramref name="index"/> running on <paramref name="node"/>, as the world that attached runs it
    /// (or reported its start), when the job's record is what a kept dispatch leaves after a crash: the task waits and
    /// was never dispatched, in a job that is neither held nor waiting on a dependency. Null otherwise: then the
    /// world's task is a stray and killed (<see cref="StrayTasks"/>).
    /// </summary>
    /// <param name="sessionId">The task's session id as the world reports it; 0 when not known yet (its start says).</param>
    public static JobTransition? Adopt(Job job, int index, string node, int sessionId, string worldId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(node);
        if (!IsFirstRunOfPlainTask(job, index) || job.UserHold || !job.DependenciesMet
            || job.Tasks.First(t => t.Index == index) is not { State: JobState.Queued, StartTime: null, Node: null })
        {
            return null;
        }

        var dispatched = TaskRunRules.Dispatch(job, index, [node], now);
        if (dispatched is not { Ok: true, Job: { } running, Event: { } evt })
        {
            return null;
        }

        if (sessionId > 0)
        {
            running = running with { Tasks = [.. running.Tasks.Select(t => t.Index == index ? t with { SessionId = sessionId } : t)] };
        }

        return JobTransition.Done(running, evt with { Detail = $"{evt.Detail}: adopted from world {worldId}, which runs it (its dispatch was not stored before the server stopped)" });
    }

    private static bool IsFirstRunOfPlainTask(Job job, int index) =>
        !job.Spec.Checkpoint.Enabled
        && job.Spec.Resources.TotalChunks == 1
        && job.Spec.Resources.TotalGpus == 0
        && job.Tasks.FirstOrDefault(t => t.Index == index) is { Requeues: 0, RestartCount: 0, LastCheckpoint: null };
}
