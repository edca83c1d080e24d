using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class TaskRunRulesTests
{
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1);

    private static Job Dispatched(Job job, int index = 0, string node = "node1") =>
        TaskRunRules.Dispatch(job, index, [node], T1).Job!;

    private static TaskOutcome Exit(int status, string? kill = null) => new(status, T1.AddSeconds(30), TimeSpan.FromSeconds(12), 5 << 20, kill);

    [Fact]
    public void Dispatch_QueuedTask_RunsOnNodeWithDispatchTimeAndEvent()
    {
        var t = TaskRunRules.Dispatch(Submit(1), 0, ["node2", "node3"], T1);

        Assert.True(t.Ok);
        var task = t.Job!.Tasks[0];
        Assert.Equal((JobState.Running, "node2,node3", (DateTimeOffset?)T1), (task.State, task.Node?.ToString(), task.DispatchTime));
        Assert.Equal(JobState.Running, t.Job.State);
        Assert.Equal("dispatched", t.Event!.Kind);
    }

    [Theory]
    [InlineData("held")]
    [InlineData("running")]
    [InlineData("waiting")]
    public void Dispatch_TaskNotEligible_IsRefused(string why)
    {
        var job = why switch
        {
            "held" => Submit(1, Spec() with { Held = true }),
            "running" => Dispatched(Submit(1)),
            _ => Submit(2, Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, 1)] }),
        };

        Assert.False(TaskRunRules.Dispatch(job, 0, ["node1"], T1).Ok);
    }

    [Fact]
    public void Dispatch_UnknownIndex_IsRefused() => Assert.False(TaskRunRules.Dispatch(Submit(1), 7, ["node1"], T1).Ok);

    [Fact]
    public void Started_RecordsStartTimeAndSessionOnTaskAndJob()
    {
        var started = TaskRunRules.Started(Dispatched(Submit(1)), 0, 4242, T1.AddMilliseconds(3))!;

        Assert.Equal((T1.AddMilliseconds(3), 4242), (started.Tasks[0].StartTime!.Value, started.Tasks[0].SessionId!.Value));
        Assert.Equal(T1.AddMilliseconds(3), started.StartTime);
    }

    [Fact]
    public void Started_Twice_IsStale()
    {
        var started = TaskRunRules.Started(Dispatched(Submit(1)), 0, 1, T1)!;

        Assert.Null(TaskRunRules.Started(started, 0, 2, T1.AddSeconds(1)));
    }

    [Fact]
    public void Started_QueuedTask_IsStale() => Assert.Null(TaskRunRules.Started(Submit(1), 0, 1, T1));

    [Fact]
    public void Started_ArrayKeepsEarliestJobStart()
    {
        var job = Submit(1, Spec() with { Array = new ArraySpec([1, 2]) });
        job = Dispatched(Dispatched(job, 1), 2);
        job = TaskRunRules.Started(job, 2, 10, T1.AddSeconds(5))!;
        job = TaskRunRules.Started(job, 1, 11, T1.AddSeconds(9))!;

        Assert.Equal(T1.AddSeconds(5), job.StartTime);
    }

    [Fact]
    public void Ended_ExitZero_Completes()
    {
        var t = TaskRunRules.Ended(Dispatched(Submit(1)), 0, Exit(0), T1)!;

        Assert.Equal(JobState.Completed, t.Job!.State);
        var task = t.Job.Tasks[0];
        Assert.Equal((0, TimeSpan.FromSeconds(12), 5L << 20), (task.ExitStatus!.Value, task.CpuTime, task.PeakRssBytes));
        Assert.Equal(0, t.Job.ExitStatus);
        Assert.Equal("completed", t.Event!.Kind);
    }

    [Fact]
    public void Ended_NonZero_FailsWithStatusInReason()
    {
        var t = TaskRunRules.Ended(Dispatched(Submit(1)), 0, Exit(3), T1)!;

        Assert.Equal((JobState.Failed, 3), (t.Job!.State, t.Job.ExitStatus!.Value));
        Assert.Equal("exited with status 3", t.Job.Reason);
    }

    [Fact]
    public void Ended_KilledForLimit_FailsWithThatReasonEvenOnExitZero()
    {
        var t = TaskRunRules.Ended(Dispatched(Submit(1)), 0, Exit(0, "walltime 00:00:03 exceeded limit 00:00:02"), T1)!;

        Assert.Equal(JobState.Failed, t.Job!.State);
        Assert.StartsWith("walltime", t.Job.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ended_AfterDelete_IsDeleted()
    {
        var deleting = JobStateRules.Delete(Dispatched(Submit(1)), null, "alice", T1).Job!;
        Assert.Equal(JobState.Exiting, deleting.State);

        var t = TaskRunRules.Ended(deleting, 0, Exit(143), T1)!;

        Assert.Equal((JobState.Deleted, "deleted by alice"), (t.Job!.State, t.Job.Reason));
    }

    [Fact]
    public void Ended_AfterLimitExiting_Fails()
    {
        var exiting = TaskRunRules.Exiting(Dispatched(Submit(1)), 0, "memory 300 MiB exceeded limit 256 MiB", T1)!;
        Assert.Equal(JobState.Exiting, exiting.State);

        var t = TaskRunRules.Ended(exiting, 0, Exit(137, "memory 300 MiB exceeded limit 256 MiB"), T1)!;

        Assert.Equal(JobState.Failed, t.Job!.State);
    }

    [Fact]
    public void Ended_Twice_IsStale()
    {
        var done = TaskRunRules.Ended(Dispatched(Submit(1)), 0, Exit(0), T1)!.Job!;

        Assert.Null(TaskRunRules.Ended(done, 0, Exit(1), T1));
    }

    [Fact]
    public void Ended_OneArrayElement_KeepsJobRunning()
    {
        var job = Dispatched(Dispatched(Submit(1, Spec() with { Array = new ArraySpec([1, 2]) }), 1), 2);

        var t = TaskRunRules.Ended(job, 1, Exit(0), T1)!;

        Assert.Equal(JobState.Running, t.Job!.State);
        Assert.Null(t.Job.EndTime);
    }

    [Fact]
    public void Exiting_NotRunning_IsStale() => Assert.Null(TaskRunRules.Exiting(Submit(1), 0, "x", T1));

    [Fact]
    public void Lost_Rerunnable_GoesBackToQueueCountingTheRequeue()
    {
        var running = TaskRunRules.Started(Dispatched(Submit(1)), 0, 77, T1)!;

        var t = TaskRunRules.Lost(running, 0, "node1 was lost (world restarted)", T1)!;

        var task = t.Job!.Tasks[0];
        Assert.Equal((JobState.Queued, 1), (task.State, task.Requeues));
        Assert.Null(task.Node);
        Assert.Null(task.StartTime);
        Assert.Null(task.SessionId);
        Assert.Equal(JobState.Queued, t.Job.State);
        Assert.Equal("requeued", t.Event!.Kind);
        Assert.Contains("world restarted", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lost_NotRerunnable_FailsWithReason()
    {
        var t = TaskRunRules.Lost(Dispatched(Submit(1, Spec() with { Rerunnable = false })), 0, "node1 was lost", T1)!;

        Assert.Equal(JobState.Failed, t.Job!.State);
        Assert.Contains("not rerunnable", t.Job.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lost_WhileBeingDeleted_IsDeleted()
    {
        var deleting = JobStateRules.Delete(Dispatched(Submit(1)), null, "alice", T1).Job!;

        Assert.Equal(JobState.Deleted, TaskRunRules.Lost(deleting, 0, "node1 was lost", T1)!.Job!.State);
    }

    [Fact]
    public void Lost_QueuedTask_IsStale() => Assert.Null(TaskRunRules.Lost(Submit(1), 0, "x", T1));

    [Fact]
    public void Requeued_TaskCanBeDispatchedAgain()
    {
        var lost = TaskRunRules.Lost(Dispatched(Submit(1)), 0, "node1 was lost", T1)!.Job!;

        Assert.True(TaskRunRules.Dispatch(lost, 0, ["node2"], T1).Ok);
    }
}
