using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class OversizedJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    private static readonly JobSpec Huge = Spec() with
    {
        Script = new string('\u0001', 100_000),
        Arguments = [new string('a', 100_000)],
        Environment = new Dictionary<string, string> { ["BIG"] = new('x', 100_000) },
        OutputPath = "/w/" + new string('o', 10_000),
        Array = new ArraySpec([1, 2, 3]),
    };

    [Fact]
    public void End_QueuedArray_EndsEveryTaskAsFailedSayingWhy()
    {
        var t = OversizedJob.End(Submit(7, Huge), 17_000_000, 16_683_050, Now);

        Assert.Equal(JobState.Failed, t.Job!.State);
        Assert.All(t.Job.Tasks, task => Assert.Equal((JobState.Failed, Now), (task.State, task.EndTime)));
        Assert.Contains("17000000 bytes", t.Job.Reason, StringComparison.Ordinal);
        Assert.Contains(SubmissionLimits.JobKey, t.Job.Reason, StringComparison.Ordinal);
        Assert.Equal(("oversized", 7L), (t.Event!.Kind, t.Event.JobId));
    }

    [Fact]
    public void End_RemovesWhatMadeItLarge_SoItsBoundFitsAgain()
    {
        var ended = OversizedJob.End(Submit(7, Huge), 17_000_000, 16_683_050, Now).Job!.Spec;

        Assert.Empty(ended.Environment);
        Assert.Empty(ended.Arguments);
        Assert.Contains(OversizedJob.RemovedNote, ended.Script, StringComparison.Ordinal);
        Assert.Equal(OversizedJob.RemovedNote, ended.OutputPath);
        Assert.Equal("/w", ended.WorkingDirectory);
        Assert.InRange(StoredJobSize.UpperBound(ended), 0, 16 * 1024);
    }

    [Fact]
    public void End_FinishedTasksOfTheArray_KeepTheirOutcome()
    {
        var job = Submit(7, Huge);
        job = job with { Tasks = [job.Tasks[0] with { State = JobState.Completed, ExitStatus = 0 }, .. job.Tasks.Skip(1)] };

        var ended = OversizedJob.End(job, 17_000_000, 16_683_050, Now).Job!;

        Assert.Equal([JobState.Completed, JobState.Failed, JobState.Failed], ended.Tasks.Select(t => t.State));
    }
}
