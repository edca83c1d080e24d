using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Simulation.Workload;

/// <summary>
/// The server's own finished work as a trace (<c>omb simulate --history</c>): every task of a finished job that ran
/// becomes one replayed job, so an administrator can try another threshold on last month's real work.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Only finished jobs (completed, failed, deleted) count; a task that never started (deleted while queued) is
/// left out and counted as skipped, as is one whose start or end was not recorded.</item>
/// <item>Submit: the job's submission, in seconds after the earliest one replayed; an array's tasks share it.</item>
/// <item>Run: the task's last start to its end, whole seconds rounded up (a task that moved or restarted counts from
/// its last start, which undercounts its work).</item>
/// <item>Processors: chunks × CPUs per chunk, a chunk kept on one node; memory per chunk as requested; walltime as
/// requested, or none. Chunks of several shapes keep each kind's CPUs and memory (<see cref="TraceJob.Shapes"/>).</item>
/// <item>Order: by submission, then job id, then array index; <see cref="TraceJob.Number"/> is the job id.</item>
/// </list>
/// </remarks>
public static class JobHistory
{
    /// <summary>The finished tasks of <paramref name="jobs"/> submitted at or after <paramref name="since"/> (all when null).</summary>
    public static LoadedTrace Load(IReadOnlyList<Job> jobs, DateTimeOffset? since)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var ran = new List<(Job Job, JobTask Task)>();
        var skipped = 0;
        foreach (var job in jobs)
        {
            if (!job.State.IsFinished() || (since is { } s && job.SubmitTime < s))
            {
                continue;
            }

            foreach (var task in job.Tasks)
            {
                if (task.StartTime is { } start && task.EndTime is { } end && end >= start)
                {
                    ran.Add((job, task));
                }
                else
                {
                    skipped++;
                }
            }
        }

        if (ran.Count == 0)
        {
            return new LoadedTrace([], skipped);
        }

        ran.Sort((a, b) => (a.Job.SubmitTime, a.Job.Id, a.Task.Index).CompareTo((b.Job.SubmitTime, b.Job.Id, b.Task.Index)));
        var origin = ran[0].Job.SubmitTime;
        return new LoadedTrace([.. ran.Select(r => ToTraceJob(r.Job, r.Task, origin))], skipped);
    }

    private static TraceJob ToTraceJob(Job job, JobTask task, DateTimeOffset origin)
    {
        var request = job.Spec.Resources;
        var cpus = Math.Max(1, request.CpusPerChunk);
        var run = (long)Math.Ceiling((task.EndTime!.Value - task.StartTime!.Value).TotalSeconds);
        long? walltime = request.Walltime is { } w ? (long)Math.Ceiling(w.TotalSeconds) : null;
        if (request.Mixed)
        {
            // Chunks of several shapes keep them (CPUs and memory per kind), so a 4-CPU chunk still needs one node.
            var total = (int)Math.Clamp(request.TotalCpus, 1, int.MaxValue);
            var shapes = new ResourceRequest(request.Chunks, request.CpusPerChunk, request.MemoryBytesPerChunk)
            {
                MoreChunks = [.. request.MoreChunks.Select(k => new ChunkKind(k.Count, k.Cpus, k.MemoryBytes))],
            };
            return new TraceJob(job.Id, (long)(job.SubmitTime - origin).TotalSeconds, run, total, walltime, request.TotalMemoryBytes / total / 1024, 1)
            {
                Shapes = shapes,
            };
        }

        return new TraceJob(job.Id, (long)(job.SubmitTime - origin).TotalSeconds, run, Math.Max(1, request.Chunks) * cpus, walltime,
            request.MemoryBytesPerChunk / cpus / 1024, cpus);
    }
}
