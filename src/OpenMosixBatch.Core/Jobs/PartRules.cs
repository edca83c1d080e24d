namespace OpenMosixBatch.Core.Jobs;

/// <summary>
/// The accounting of a task's parts (<c>omb rsh</c>): each ended part adds its CPU time and peak memory to its node's
/// <see cref="TaskNodeUsage"/>, which <c>qstat -f</c> adds to the task's own (PBS sums resources_used over the moms).
/// </summary>
public static class PartRules
{
    /// <summary>Part of task <paramref name="index"/> ended on <paramref name="node"/>; null when the node is none of the task's (stale).</summary>
    /// <remarks>Counted in any state: a part the node ended with its task reports after the task's own end.</remarks>
    public static JobTransition? Ended(Job job, int index, string node, TimeSpan cpu, long peakRssBytes)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = job.Tasks.FirstOrDefault(t => t.Index == index);
        if (task?.Node is null || !task.Node.Contains(node))
        {
            return null;
        }

        var kept = task.PartUsage.FirstOrDefault(u => u.Node == node) ?? new TaskNodeUsage(node, TimeSpan.Zero, 0, 0);
        var added = kept with { CpuTime = kept.CpuTime + cpu, PeakRssBytes = kept.PeakRssBytes + peakRssBytes, Parts = kept.Parts + 1 };
        var usage = task.PartUsage.Where(u => u.Node != node).Append(added).OrderBy(u => u.Node, StringComparer.Ordinal).ToList();
        var changed = task with { PartUsage = usage };
        return new JobTransition(job with { Tasks = [.. job.Tasks.Select(t => t.Index == index ? changed : t)] }, null, null);
    }

    /// <summary>The task's CPU time with its parts' on every node.</summary>
    public static TimeSpan TotalCpu(JobTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.CpuTime + TimeSpan.FromTicks(task.PartUsage.Sum(u => u.CpuTime.Ticks));
    }

    /// <summary>The task's peak memory with its parts' on every node.</summary>
    public static long TotalPeakRss(JobTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.PeakRssBytes + task.PartUsage.Sum(u => u.PeakRssBytes);
    }
}
