using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// Whether <c>omb rsh</c> (PBS's <c>pbs_tmrsh</c>) may start a part of a task on a node: only the job's own user, only from
/// inside the running task (it shows the task's cookie, which only the task's environment holds), and only towards one
/// of the task's own nodes. Everything else is refused with one line naming the fix.
/// </summary>
public static class RemoteStartPolicy
{
    /// <param name="job">The job the request names, or null when there is none.</param>
    /// <param name="taskIndex">The task (array index, 0 for a plain job).</param>
    /// <param name="callerUid">The uid the kernel gave for the caller.</param>
    /// <param name="cookieMatches">Whether the cookie shown is the task's (compared in constant time by the caller).</param>
    /// <param name="node">The node asked for.</param>
    /// <returns>Null when the part may start, else the refusal.</returns>
    /// <remarks>
    /// Another user's job is as unknown as a missing one, so no user learns of another's jobs; an administrator is
    /// no exception: a part runs as the job's user, and only the job itself may add one.
    /// </remarks>
    public static string? Refusal(Job? job, int taskIndex, uint callerUid, bool cookieMatches, string node)
    {
        var id = job is { Spec.IsArray: true } ? JobIds.FormatTask(job.Id, taskIndex) : job?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var task = job?.Tasks.FirstOrDefault(t => t.Index == taskIndex);
        if (job is null || task is null || job.Owner.Uid != callerUid)
        {
            return "no such job of yours runs: omb rsh works only inside a running job (it reads OMB_JOB_ID and OMB_JOB_COOKIE)";
        }

        if (task.State != JobState.Running || task.Node is null)
        {
            return $"job {id} is not running: omb rsh works only inside a running job";
        }

        if (!cookieMatches)
        {
            return $"not inside job {id}: OMB_JOB_COOKIE is not the job's; run omb rsh from the job's own processes";
        }

        var nodes = NodesOf(task);
        return nodes.Contains(node, StringComparer.Ordinal) ? null
            : $"node '{Parsing.InputText.Quote(node)}' is not one of job {id}'s nodes ({string.Join(',', nodes.Distinct(StringComparer.Ordinal))}): name a node from $PBS_NODEFILE";
    }

    /// <summary>The task's nodes, one per chunk (PBS exec_host).</summary>
    public static IReadOnlyList<string> NodesOf(JobTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Node is null ? [] : task.Node;
    }
}
