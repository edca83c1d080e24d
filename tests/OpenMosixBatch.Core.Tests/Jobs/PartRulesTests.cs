using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Tests.Execution;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class PartRulesTests
{
    private static Job Running() =>
        ExecutionJobs.Make(7, ExecutionJobs.Spec()) is var job
            ? job with { Tasks = [new JobTask(0, JobState.Running) { Node = ExecutionHosts.Parse("node1,node2"), CpuTime = TimeSpan.FromSeconds(1), PeakRssBytes = 100 }] }
            : job;

    [Fact]
    public void Ended_TwoPartsOnANode_AddUpThere_AndInTheTotals()
    {
        var job = PartRules.Ended(Running(), 0, "node2", TimeSpan.FromSeconds(3), 1000)!.Job!;
        job = PartRules.Ended(job, 0, "node2", TimeSpan.FromSeconds(4), 2000)!.Job!;
        job = PartRules.Ended(job, 0, "node1", TimeSpan.FromSeconds(5), 500)!.Job!;

        var task = job.Tasks[0];
        Assert.Equal([new TaskNodeUsage("node1", TimeSpan.FromSeconds(5), 500, 1), new TaskNodeUsage("node2", TimeSpan.FromSeconds(7), 3000, 2)], task.PartUsage);
        Assert.Equal(TimeSpan.FromSeconds(13), PartRules.TotalCpu(task));
        Assert.Equal(3600, PartRules.TotalPeakRss(task));
    }

    [Fact]
    public void Ended_OnANodeNotTheTasks_IsStale() => Assert.Null(PartRules.Ended(Running(), 0, "node3", TimeSpan.FromSeconds(1), 1));

    [Fact]
    public void Ended_AfterTheTaskCompleted_StillCounts()
    {
        var job = Running();
        job = job with { Tasks = [job.Tasks[0] with { State = JobState.Completed }] };

        Assert.Single(PartRules.Ended(job, 0, "node1", TimeSpan.FromSeconds(1), 1)!.Job!.Tasks[0].PartUsage);
    }
}
