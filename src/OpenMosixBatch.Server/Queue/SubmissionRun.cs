using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Jobs of one commit with consecutive ids, one owner and one queue, logged as one line: a group of submissions costs
/// the log one line per submitter and queue rather than one per job, and every id, owner and queue is still in it.
/// An array job is a run of its own, so that its id is shown as qstat shows it.
/// </summary>
internal readonly record struct SubmissionRun(string FirstId, long LastId, int Count, string Owner, uint Uid, string Queue, int Tasks)
{
    /// <summary>The runs of <paramref name="jobs"/>, in the order given.</summary>
    public static List<SubmissionRun> Of(IEnumerable<Job> jobs)
    {
        var runs = new List<SubmissionRun>();
        foreach (var job in jobs)
        {
            if (runs.Count > 0 && runs[^1].Extends(job))
            {
                var last = runs[^1];
                runs[^1] = last with { LastId = job.Id, Count = last.Count + 1, Tasks = last.Tasks + job.Tasks.Count };
            }
            else
            {
                runs.Add(new SubmissionRun(job.DisplayId, job.Id, 1, job.Owner.UserName, job.Owner.Uid, job.Spec.Queue, job.Tasks.Count));
            }
        }

        return runs;
    }

    /// <summary>True when <paramref name="job"/> continues this run: the next id, same owner and queue, neither an array.</summary>
    private bool Extends(Job job) =>
        !job.Spec.IsArray && !FirstId.EndsWith(']') && job.Id == LastId + 1 && job.Owner.Uid == Uid && job.Owner.UserName == Owner && job.Spec.Queue == Queue;
}
