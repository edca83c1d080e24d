using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

/// <summary>
/// Why a task in E is being ended is a typed cause, set on the way into E; the rules read it, never the reason text, so
/// a reason worded otherwise (or a limit reason that happens to read like a deletion) changes nothing they decide.
/// </summary>
public sealed class ExitCauseTests
{
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    private static readonly TaskOutcome KilledBySigterm = new(143, T1, TimeSpan.FromSeconds(3), 1 << 20, null);

    private static Job RunningJob(JobSpec? spec = null) => Running(Submit(1, spec), "node1", T0);

    /// <summary>The job with its one task's reason replaced, as a later build might word it.</summary>
    private static Job Reworded(Job job, string reason) => job with { Tasks = [job.Tasks[0] with { Reason = reason }] };

    private static Job ExitingWith(ExitCause cause, string reason, JobSpec? spec = null)
    {
        var job = RunningJob(spec);
        return job with { State = JobState.Exiting, Tasks = [job.Tasks[0] with { State = JobState.Exiting, ExitCause = cause, Reason = reason }] };
    }

    [Fact]
    public void Delete_RunningTask_IsExitingForADeletion() =>
        Assert.Equal(ExitCause.Deletion, JobStateRules.Delete(RunningJob(), null, "alice", T1).Job!.Tasks[0].ExitCause);

    [Fact]
    public void Rerun_RunningTask_IsExitingForARerun() =>
        Assert.Equal(ExitCause.Rerun, RerunRules.Rerun(RunningJob(), "root", T1).Job!.Tasks[0].ExitCause);

    [Fact]
    public void NodeRemovalNow_RerunnableTask_IsExitingForARerun() =>
        Assert.Equal(ExitCause.Rerun, NodeRemovalRules.Evict(RunningJob(), "node1", "removed", T1)[0].Job!.Tasks[0].ExitCause);

    [Fact]
    public void Exiting_ReportedByItsNode_IsExitingForALimit() =>
        Assert.Equal(ExitCause.Limit, TaskRunRules.Exiting(RunningJob(), 0, "walltime 00:01:00 exceeded", T1)!.Tasks[0].ExitCause);

    [Fact]
    public void Ended_DeletionWhoseReasonIsReworded_EndsDeleted()
    {
        var deleting = Reworded(JobStateRules.Delete(RunningJob(), null, "alice", T1).Job!, "removed at the owner's request");

        var ended = TaskRunRules.Ended(deleting, 0, KilledBySigterm, T1)!;

        Assert.Equal((JobState.Deleted, "removed at the owner's request"), (ended.Job!.Tasks[0].State, ended.Job.Tasks[0].Reason));
        Assert.Equal((ExitCause.None, "deleted"), (ended.Job.Tasks[0].ExitCause, ended.Event!.Kind));
    }

    [Fact]
    public void Lost_DeletionWhoseReasonIsReworded_EndsDeleted()
    {
        var deleting = Reworded(JobStateRules.Delete(RunningJob(), null, "alice", T1).Job!, "removed at the owner's request");

        var lost = TaskRunRules.Lost(deleting, 0, "its node was cut off", T1)!;

        Assert.Equal((JobState.Deleted, ExitCause.None), (lost.Job!.Tasks[0].State, lost.Job.Tasks[0].ExitCause));
    }

    [Fact]
    public void Ended_RerunWhoseReasonIsReworded_IsRequeuedAndDropsItsCause()
    {
        var rerunning = Reworded(RerunRules.Rerun(RunningJob(), "root", T1).Job!, "sent back by root");

        var ended = TaskRunRules.Ended(rerunning, 0, KilledBySigterm, T1)!;

        var task = ended.Job!.Tasks[0];
        Assert.Equal((JobState.Queued, 1, ExitCause.None), (task.State, task.Requeues, task.ExitCause));
        Assert.StartsWith("sent back by root; starts again", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lost_RerunOfATaskThatIsNotRerunnable_IsRequeuedToResumeFromItsCheckpoint()
    {
        var spec = Spec() with { Rerunnable = false, Checkpoint = new CheckpointPolicy(CheckpointMode.Enabled) };
        var job = ExitingWith(ExitCause.Rerun, "sent back by root", spec);
        job = job with { Tasks = [job.Tasks[0] with { Checkpoints = [new TaskCheckpoint(2, T0, 10, "abc")], CheckpointGeneration = 2 }] };

        var lost = TaskRunRules.Lost(job, 0, "its node was cut off", T1)!;

        Assert.Equal((JobState.Queued, ExitCause.None), (lost.Job!.Tasks[0].State, lost.Job.Tasks[0].ExitCause));
    }

    [Fact]
    public void Ended_LimitKillWhoseReasonReadsLikeADeletion_FailsWithTheKillReason()
    {
        // "deleted by ..." was once the text a rule tested: a limit whose words happen to match it is still a limit.
        var job = ExitingWith(ExitCause.Limit, "deleted by the memory limit: 2.1 GB > 2 GB");

        var ended = TaskRunRules.Ended(job, 0, KilledBySigterm with { KillReason = "memory 2.1 GB exceeds its limit 2 GB" }, T1)!;

        Assert.Equal((JobState.Failed, "memory 2.1 GB exceeds its limit 2 GB"), (ended.Job!.Tasks[0].State, ended.Job.Tasks[0].Reason));
    }

    [Fact]
    public void Ended_LimitKillWhoseReasonReadsLikeARerun_IsNotRequeued()
    {
        var job = ExitingWith(ExitCause.Limit, "requeued by nobody: walltime exceeded");

        var ended = TaskRunRules.Ended(job, 0, KilledBySigterm with { KillReason = "walltime exceeded" }, T1)!;

        Assert.Equal(JobState.Failed, ended.Job!.Tasks[0].State);
    }

    [Fact]
    public void Lost_LimitKillOfARerunnableCheckpointedTask_FailsInsteadOfRunningIntoItsLimitAgain()
    {
        var job = ExitingWith(ExitCause.Limit, "walltime 00:01:00 exceeded", Spec() with { Checkpoint = new CheckpointPolicy(CheckpointMode.Enabled) });
        job = job with { Tasks = [job.Tasks[0] with { Checkpoints = [new TaskCheckpoint(1, T0, 10, "abc")], CheckpointGeneration = 1 }] };

        var lost = TaskRunRules.Lost(job, 0, "its node was cut off", T1)!;

        var task = lost.Job!.Tasks[0];
        Assert.Equal((JobState.Failed, 0, ExitCause.None), (task.State, task.Requeues, task.ExitCause));
        Assert.Equal("walltime 00:01:00 exceeded (its node was cut off before its end was reported)", task.Reason);
        Assert.Equal("failed", lost.Event!.Kind);
    }

    [Fact]
    public void Checkpointed_RerunWhoseReasonIsReworded_IsRequeued()
    {
        var job = ExitingWith(ExitCause.Rerun, "sent back by root", Spec() with { Checkpoint = new CheckpointPolicy(CheckpointMode.Enabled) });
        job = job with { Tasks = [job.Tasks[0] with { Checkpoints = [new TaskCheckpoint(1, T0, 10, "abc")], CheckpointGeneration = 1 }] };

        var done = CheckpointRules.Checkpointed(job, 0, 1, RestartPlace.SameNode, null, T1)!;

        Assert.Equal(JobState.Queued, done.Job!.Tasks[0].State);
    }

    [Theory]
    [InlineData(ExitCause.Deletion, "removed at the owner's request")]
    [InlineData(ExitCause.Rerun, "sent back by root")]
    public void StrayKillReason_TaskBeingEndedOnTheSameNode_KillsItWhateverItsReasonSays(ExitCause cause, string reason) =>
        Assert.Equal(reason, StrayTasks.KillReason(ExitingWith(cause, reason), 0, "node1"));

    [Fact]
    public void StrayKillReason_LimitKillOnItsNodeWhoseReasonReadsLikeADeletion_IsLeftToItsNode() =>
        Assert.Null(StrayTasks.KillReason(ExitingWith(ExitCause.Limit, "deleted by the memory limit"), 0, "node1"));

    [Theory]
    [InlineData(ExitCause.Deletion, "removed at the owner's request", true)]
    [InlineData(ExitCause.Limit, "deleted by the memory limit", false)]
    [InlineData(ExitCause.Rerun, "deleted by root", false)]
    public void IsBeingDeleted_ReadsTheCauseNotTheReason(ExitCause cause, string reason, bool expected) =>
        Assert.Equal(expected, UnendedDeletions.IsBeingDeleted(ExitingWith(cause, reason).Tasks[0]));

    [Fact]
    public void Dispatch_TaskRequeuedAfterARerun_RunsWithNoCause()
    {
        var requeued = TaskRunRules.Ended(RerunRules.Rerun(RunningJob(), "root", T1).Job!, 0, KilledBySigterm, T1)!.Job!;

        var dispatched = TaskRunRules.Dispatch(requeued, 0, ["node2"], T1.AddSeconds(1));

        Assert.True(dispatched.Ok, dispatched.Refusal);
        Assert.Equal((JobState.Running, ExitCause.None), (dispatched.Job!.Tasks[0].State, dispatched.Job.Tasks[0].ExitCause));
    }
}
