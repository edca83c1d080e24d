using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Web;

/// <summary>Jobs and queue snapshots for the dashboard's view tests.</summary>
internal static class DashboardTestJobs
{
    public static readonly JobOwner Alice = new(1001, 1001, "alice");
    public static readonly JobOwner Bob = new(1002, 1002, "bob");
    public static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    public static Job Queued(long id, JobOwner owner, DateTimeOffset? submitted = null) =>
        JobStateRules.Submit(id, new JobSpec { Name = "job" + id, Script = "x", WorkingDirectory = "/", SubmitDirectory = "/" }, owner, submitted ?? T0);

    public static Job Running(long id, JobOwner owner, string node, DateTimeOffset submitted, DateTimeOffset started)
    {
        var job = Queued(id, owner, submitted);
        return job with
        {
            State = JobState.Running,
            StartTime = started,
            Tasks = [job.Tasks[0] with { State = JobState.Running, Node = ExecutionHosts.Parse(node), StartTime = started }],
        };
    }

    public static Job Completed(long id, JobOwner owner, DateTimeOffset submitted, DateTimeOffset ended)
    {
        var job = Queued(id, owner, submitted);
        return job with
        {
            State = JobState.Completed,
            StartTime = submitted,
            EndTime = ended,
            ExitStatus = 0,
            Tasks = [job.Tasks[0] with { State = JobState.Completed, StartTime = submitted, EndTime = ended, ExitStatus = 0 }],
        };
    }

    /// <summary>The queue as the server holds it: the jobs not finished, and the finished ones as the last to have ended, the last first.</summary>
    public static QueueState State(params Job[] jobs) => QueueState.Of(jobs, jobs.Length + 1, 1) with
    {
        RecentlyFinished = [.. jobs.Where(j => j.State.IsFinished()).OrderByDescending(j => j.EndTime ?? j.SubmitTime)],
    };
}
