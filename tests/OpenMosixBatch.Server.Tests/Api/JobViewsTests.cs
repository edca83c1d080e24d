using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Api;

namespace OpenMosixBatch.Server.Tests.Api;

public sealed class JobViewsTests
{
    private static readonly JobOwner Alice = new(1000, 1000, "alice");
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static Job Make(long id, ArraySpec? array = null, bool held = false) =>
        JobStateRules.Submit(id, new JobSpec { Name = "n", Script = "x", WorkingDirectory = "/", SubmitDirectory = "/", Array = array, Held = held }, Alice, T0);

    [Fact]
    public void Rows_HideFinishedUnlessAsked()
    {
        var done = JobStateRules.Delete(Make(1), null, "alice", T0).Job!;

        Assert.Empty(JobViews.Rows([done], includeFinished: false, expandTasks: false));
        Assert.Equal('X', Assert.Single(JobViews.Rows([done], includeFinished: true, expandTasks: false)).State);
    }

    [Fact]
    public void Rows_ExpandArrayElementsWithTheArraysHoldLetter()
    {
        var rows = JobViews.Rows([Make(7, new ArraySpec([1, 2]), held: true)], false, expandTasks: true);

        Assert.Equal(["7[]", "7[1]", "7[2]"], rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal('H', r.State));
    }

    [Fact]
    public void Summary_SumsTaskCpuTime()
    {
        var job = Make(1, new ArraySpec([1, 2]));
        job = job with { Tasks = [.. job.Tasks.Select(t => t with { CpuTime = TimeSpan.FromSeconds(30) })] };

        Assert.Equal(TimeSpan.FromMinutes(1), JobViews.Summary(job).CpuTime);
    }
}
