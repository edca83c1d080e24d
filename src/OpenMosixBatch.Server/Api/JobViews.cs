using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Api;

/// <summary>Turns jobs into qstat rows; pure, so the listing rules are tested without a socket.</summary>
public static class JobViews
{
    /// <summary>The rows a listing shows: finished jobs only with <paramref name="includeFinished"/>, array elements with <paramref name="expandTasks"/>.</summary>
    public static List<JobSummary> Rows(IEnumerable<Job> jobs, bool includeFinished, bool expandTasks) => [.. EachRow(jobs, includeFinished, expandTasks)];

    /// <summary>The rows of <see cref="Rows"/> one at a time, so that a listing of 100,000 jobs never holds them all.</summary>
    public static IEnumerable<JobSummary> EachRow(IEnumerable<Job> jobs, bool includeFinished, bool expandTasks)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return Each(jobs, includeFinished, expandTasks);

        static IEnumerable<JobSummary> Each(IEnumerable<Job> jobs, bool includeFinished, bool expandTasks)
        {
            foreach (var job in jobs)
            {
                if (!includeFinished && job.State.IsFinished())
                {
                    continue;
                }

                yield return Summary(job);
                if (expandTasks && job.Spec.IsArray)
                {
                    foreach (var t in job.Tasks.Where(t => includeFinished || !t.State.IsFinished()))
                    {
                        yield return new JobSummary(JobIds.FormatTask(job.Id, t.Index), job.Spec.Name, job.Owner.UserName, PartRules.TotalCpu(t),
                            TaskLetter(job, t), job.Spec.Queue, 1);
                    }
                }
            }
        }
    }

    /// <summary>Two sequences of jobs, each in id order, merged into one in id order (a job in both is listed once, from <paramref name="first"/>).</summary>
    public static IEnumerable<Job> MergeById(IEnumerable<Job> first, IEnumerable<Job> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        using var a = first.GetEnumerator();
        using var b = second.GetEnumerator();
        var hasA = a.MoveNext();
        var hasB = b.MoveNext();
        while (hasA || hasB)
        {
            if (hasB && (!hasA || b.Current.Id < a.Current.Id))
            {
                yield return b.Current;
                hasB = b.MoveNext();
            }
            else
            {
                if (hasB && b.Current.Id == a.Current.Id)
                {
                    hasB = b.MoveNext();
                }

                yield return a.Current;
                hasA = a.MoveNext();
            }
        }
    }

    public static JobSummary Summary(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        // Time Use counts the parts on every node (omb rsh, an MPI job's ranks), as resources_used does.
        var cpu = TimeSpan.FromTicks(job.Tasks.Sum(t => PartRules.TotalCpu(t).Ticks));
        return new JobSummary(job.DisplayId, job.Spec.Name, job.Owner.UserName, cpu, job.State.Letter(), job.Spec.Queue, job.Tasks.Count);
    }

    /// <summary>A queued element of a held or waiting array shows the array's H or W, as PBS shows subjobs.</summary>
    private static char TaskLetter(Job job, JobTask task) =>
        task.State == JobState.Queued && job.State is JobState.Held or JobState.Waiting ? job.State.Letter() : task.State.Letter();
}
