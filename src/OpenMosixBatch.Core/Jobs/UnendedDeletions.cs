namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// The server's guard against a qdel'd task left in E for good: a task being deleted waits in E for its node's end
/// report, and when that report never comes (a checkpoint exit whose shipment failed, a lost event) nothing else
/// would end it. A task in E for a deletion that its world has not run for <c>grace</c> is overdue and ends X.
/// </summary>
public static class UnendedDeletions
{
    /// <summary>
    /// Updates when each task being deleted was first seen not running (<paramref name="absentSince"/>, from the
    /// previous call) and returns it with the tasks absent for at least <paramref name="grace"/>. A task its world
    /// runs again, or that is no longer being deleted, drops out.
    /// </summary>
    /// <param name="running">The tasks the world's loads list, on any node.</param>
    public static UnendedDeletionsScan Scan(IEnumerable<Job> jobs, IReadOnlySet<TaskKey> running,
        IReadOnlyDictionary<TaskKey, DateTimeOffset> absentSince, DateTimeOffset now, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(absentSince);
        var absent = new Dictionary<TaskKey, DateTimeOffset>();
        var overdue = new List<TaskKey>();
        foreach (var job in jobs)
        {
            foreach (var task in job.Tasks.Where(IsBeingDeleted))
            {
                var key = new TaskKey(job.Id, task.Index);
                if (running.Contains(key))
                {
                    continue;
                }

                var since = absentSince.TryGetValue(key, out var seen) && seen <= now ? seen : now;
                absent[key] = since;
                if (now - since >= grace)
                {
                    overdue.Add(key);
                }
            }
        }

        return new UnendedDeletionsScan(absent, overdue);
    }

    /// <summary>qdel moved the task to E and its node has not reported its end yet.</summary>
    public static bool IsBeingDeleted(JobTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.State == JobState.Exiting && task.ExitCause == ExitCause.Deletion;
    }
}
