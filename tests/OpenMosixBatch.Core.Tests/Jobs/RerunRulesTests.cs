using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class RerunRulesTests
{
    [Fact]
    public void Rerun_RunningJob_GoesToExiting_AndItsEndRequeuesIt()
    {
        var job = Running(Submit(1), "node1", T0);

        var rerun = RerunRules.Rerun(job, "root", T0);

        Assert.True(rerun.Ok, rerun.Refusal);
        Assert.Equal((JobState.Exiting, "requeued by root"), (rerun.Job!.Tasks[0].State, rerun.Job.Tasks[0].Reason));
        Assert.Equal(("rerun", "1 on node1 requeued by root"), (rerun.Event!.Kind, rerun.Event.Detail));

        var ended = TaskRunRules.Ended(rerun.Job, 0, new TaskOutcome(143, T0.AddSeconds(1), TimeSpan.FromSeconds(3), 1 << 20, null), T0.AddSeconds(1))!;

        var task = ended.Job!.Tasks[0];
        Assert.Equal((JobState.Queued, JobState.Queued, 1, (string?)null), (ended.Job.State, task.State, task.Requeues, task.Node?.ToString()));
        Assert.Equal("requeued by root; starts again from the beginning", task.Reason);
        Assert.Equal(TimeSpan.FromSeconds(3), task.CpuTime);
        Assert.Equal("requeued", ended.Event!.Kind);
    }

    [Fact]
    public void Rerun_CheckpointedTaskLostOnItsWay_ResumesFromItsCheckpoint()
    {
        var running = Running(Submit(1, Spec() with { Rerunnable = false, Checkpoint = new CheckpointPolicy(CheckpointMode.Enabled) }), "node1", T0);
        var job = running with { Tasks = [running.Tasks[0] with { Checkpoints = [new TaskCheckpoint(2, T0, 10, "abc")], CheckpointGeneration = 2 }] };

        var rerun = RerunRules.Rerun(job, "root", T0);
        var lost = TaskRunRules.Lost(rerun.Job!, 0, "its node stopped", T0)!;

        Assert.Equal(JobState.Queued, lost.Job!.Tasks[0].State);
        Assert.Equal("requeued by root; resumes from checkpoint generation 2", lost.Job.Tasks[0].Reason);
        Assert.Equal(2, lost.Job.Tasks[0].LastCheckpoint!.Generation);
    }

    [Theory]
    [InlineData(false, "job 1 is not running (Q): qrerun requeues only running jobs")]
    [InlineData(true, "job 1 is not rerunnable (qsub -r n) and has no checkpoint to resume from")]
    public void Rerun_Refusals_NameTheReason(bool running, string expected)
    {
        var job = Submit(1, Spec() with { Rerunnable = false });

        var t = RerunRules.Rerun(running ? Running(job, "node1", T0) : job, "root", T0);

        Assert.False(t.Ok);
        Assert.StartsWith(expected, t.Refusal, StringComparison.Ordinal);
    }
}
