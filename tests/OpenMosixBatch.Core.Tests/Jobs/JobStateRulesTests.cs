using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class JobStateRulesTests
{
    [Fact]
    public void Submit_PlainJob_IsQueuedWithOneTask()
    {
        var job = Submit(1);

        Assert.Equal(JobState.Queued, job.State);
        Assert.Single(job.Tasks);
        Assert.True(job.DependenciesMet);
    }

    [Fact]
    public void Submit_Array_HasOneTaskPerIndex() =>
        Assert.Equal([2, 4, 6], Submit(1, Spec() with { Array = new ArraySpec([2, 4, 6]) }).Tasks.Select(t => t.Index));

    [Fact]
    public void Submit_Held_IsHeldWithReason()
    {
        var job = Submit(1, Spec() with { Held = true });

        Assert.Equal((JobState.Held, "held by user"), (job.State, job.Reason));
    }

    [Fact]
    public void Submit_WithDependencies_Waits() =>
        Assert.Equal(JobState.Waiting, Submit(2, Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, 1)] }).State);

    [Fact]
    public void HoldThenRelease_ReturnsToQueued()
    {
        var held = JobStateRules.Hold(Submit(1), "alice", T0);
        var released = JobStateRules.Release(held.Job!, "alice", T0);

        Assert.Equal(JobState.Held, held.Job!.State);
        Assert.Equal("held", held.Event!.Kind);
        Assert.Equal(JobState.Queued, released.Job!.State);
        Assert.Null(released.Job.Reason);
    }

    [Fact]
    public void Release_NotHeld_IsRefusedNamingTheJob()
    {
        var r = JobStateRules.Release(Submit(12), "alice", T0);

        Assert.False(r.Ok);
        Assert.Contains("job 12 is not held", r.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Hold_RunningJob_IsRefused() =>
        Assert.Contains("running", JobStateRules.Hold(Running(Submit(1), "n1", T0), "alice", T0).Refusal, StringComparison.Ordinal);

    [Fact]
    public void Hold_FinishedJob_IsRefused() =>
        Assert.False(JobStateRules.Hold(Finished(Submit(1), JobState.Completed), "alice", T0).Ok);

    [Fact]
    public void Release_OfWaitingJob_ReturnsToWaiting()
    {
        var job = Submit(2, Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, 1)], Held = true });

        Assert.Equal(JobState.Waiting, JobStateRules.Release(job, "alice", T0).Job!.State);
    }

    [Fact]
    public void Delete_QueuedJob_EndsAsDeletedWithReason()
    {
        var r = JobStateRules.Delete(Submit(1), null, "alice", T0);

        Assert.Equal(JobState.Deleted, r.Job!.State);
        Assert.Equal("deleted by alice", r.Job.Reason);
        Assert.Equal(T0, r.Job.EndTime);
    }

    [Fact]
    public void Delete_RunningJob_GoesToExitingForTheNodeToKill()
    {
        var r = JobStateRules.Delete(Running(Submit(1), "n1", T0), null, "alice", T0);

        Assert.Equal(JobState.Exiting, r.Job!.State);
        Assert.All(r.Job.Tasks, t => Assert.Equal(JobState.Exiting, t.State));
    }

    [Fact]
    public void Delete_OneArrayElement_LeavesTheOthersQueued()
    {
        var r = JobStateRules.Delete(Submit(1, Spec() with { Array = new ArraySpec([1, 2, 3]) }), 2, "alice", T0);

        Assert.Equal(JobState.Queued, r.Job!.State);
        Assert.Equal([JobState.Queued, JobState.Deleted, JobState.Queued], r.Job.Tasks.Select(t => t.State));
    }

    [Fact]
    public void Delete_UnknownElement_IsRefused() =>
        Assert.Contains("no element [9]", JobStateRules.Delete(Submit(1, Spec() with { Array = new ArraySpec([1]) }), 9, "a", T0).Refusal, StringComparison.Ordinal);

    [Fact]
    public void Delete_FinishedJob_IsRefused() =>
        Assert.Contains("already finished", JobStateRules.Delete(Finished(Submit(1), JobState.Completed), null, "a", T0).Refusal, StringComparison.Ordinal);

    [Theory]
    [InlineData(DependencyType.AfterOk, JobState.Completed, JobState.Queued)]
    [InlineData(DependencyType.AfterOk, JobState.Failed, JobState.Deleted)]
    [InlineData(DependencyType.AfterOk, JobState.Deleted, JobState.Deleted)]
    [InlineData(DependencyType.AfterAny, JobState.Failed, JobState.Queued)]
    [InlineData(DependencyType.AfterAny, JobState.Completed, JobState.Queued)]
    [InlineData(DependencyType.AfterNotOk, JobState.Failed, JobState.Queued)]
    [InlineData(DependencyType.AfterNotOk, JobState.Completed, JobState.Deleted)]
    public void RefreshDependencies_FinishedParent_ReleasesOrKillsTheChild(DependencyType type, JobState parentState, JobState childState)
    {
        var parent = Finished(Submit(1), parentState);
        var child = Submit(2, Spec() with { Dependencies = [new Dependency(type, 1)] });

        var refreshed = JobStateRules.RefreshDependencies(child, id => id == 1 ? parent : null, T0);

        Assert.NotNull(refreshed);
        Assert.Equal(childState, refreshed.State);
        if (childState == JobState.Deleted)
        {
            Assert.Contains("can never be met", refreshed.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RefreshDependencies_ParentStillRunning_ChangesNothing()
    {
        var child = Submit(2, Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, 1)] });
        var parent = Running(Submit(1), "n1", T0);

        Assert.Null(JobStateRules.RefreshDependencies(child, _ => parent, T0));
        Assert.Equal("dependency afterok:1 not met (1 is R)", JobStateRules.PendingDependency(child, _ => parent));
    }

    [Theory]
    [InlineData(new[] { JobState.Completed, JobState.Completed }, JobState.Completed)]
    [InlineData(new[] { JobState.Completed, JobState.Failed }, JobState.Failed)]
    [InlineData(new[] { JobState.Completed, JobState.Deleted }, JobState.Deleted)]
    [InlineData(new[] { JobState.Running, JobState.Queued }, JobState.Running)]
    [InlineData(new[] { JobState.Migrating, JobState.Running }, JobState.Migrating)]
    [InlineData(new[] { JobState.Exiting, JobState.Completed }, JobState.Exiting)]
    [InlineData(new[] { JobState.Completed, JobState.Queued }, JobState.Queued)]
    public void DeriveState_FromTasks(JobState[] tasks, JobState expected)
    {
        var job = Submit(1) with { Tasks = [.. tasks.Select((s, i) => new JobTask(i, s))] };

        Assert.Equal(expected, JobStateRules.DeriveState(job));
    }
}
