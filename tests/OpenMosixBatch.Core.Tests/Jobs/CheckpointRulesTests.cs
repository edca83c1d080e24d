using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class CheckpointRulesTests
{
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1);

    private static JobSpec Checkpointing(bool rerunnable = true) =>
        Spec() with { Checkpoint = new CheckpointPolicy(CheckpointMode.Enabled), Rerunnable = rerunnable };

    private static Job RunningCheckpointing(bool rerunnable = true, string node = "node1") =>
        Running(Submit(1, Checkpointing(rerunnable)), node, T1);

    private static TaskCheckpoint Gen(int generation, long bytes = 4096) => new(generation, T1.AddSeconds(generation), bytes, new string('a', 63) + generation % 10);

    private static Job Committed(Job job, params int[] generations)
    {
        foreach (var g in generations)
        {
            job = CheckpointRules.Commit(job, 0, Gen(g), T1).Job!;
        }

        return job;
    }

    [Fact]
    public void NextGeneration_RunningCheckpointingTask_IsOneMoreThanTheLast()
    {
        Assert.Equal(1, CheckpointRules.NextGeneration(RunningCheckpointing(), 0));
        Assert.Equal(3, CheckpointRules.NextGeneration(Committed(RunningCheckpointing(), 1, 2), 0));
    }

    [Fact]
    public void NextGeneration_QueuedFinishedUnknownOrNotCheckpointing_IsNull()
    {
        Assert.Null(CheckpointRules.NextGeneration(Submit(1, Checkpointing()), 0));
        Assert.Null(CheckpointRules.NextGeneration(Finished(RunningCheckpointing(), JobState.Completed), 0));
        Assert.Null(CheckpointRules.NextGeneration(RunningCheckpointing(), 5));
        Assert.Null(CheckpointRules.NextGeneration(Running(Submit(1), "node1", T1), 0));
    }

    [Fact]
    public void Commit_RecordsCheckpointAndEvent()
    {
        var t = CheckpointRules.Commit(RunningCheckpointing(), 0, Gen(1), T1);

        Assert.True(t.Ok, t.Refusal);
        var task = t.Job!.Tasks[0];
        Assert.Equal((1, Gen(1)), (task.CheckpointGeneration, task.LastCheckpoint));
        Assert.Equal("checkpoint-committed", t.Event!.Kind);
        Assert.Contains("generation 1, 4096 bytes", t.Event.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_FourGenerations_KeepsNewestThree()
    {
        var task = Committed(RunningCheckpointing(), 1, 2, 3, 4).Tasks[0];

        Assert.Equal([2, 3, 4], task.Checkpoints.Select(c => c.Generation));
        Assert.Equal(4, task.CheckpointGeneration);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Commit_GenerationNotNewer_IsRefused(int generation)
    {
        var t = CheckpointRules.Commit(Committed(RunningCheckpointing(), 1, 2), 0, Gen(generation), T1);

        Assert.False(t.Ok);
        Assert.Contains("not newer", t.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_TaskNotActive_IsRefused()
    {
        Assert.False(CheckpointRules.Commit(Submit(1, Checkpointing()), 0, Gen(1), T1).Ok);
        Assert.False(CheckpointRules.Commit(Finished(RunningCheckpointing(), JobState.Deleted), 0, Gen(1), T1).Ok);
        Assert.False(CheckpointRules.Commit(RunningCheckpointing(), 3, Gen(1), T1).Ok);
    }

    [Fact]
    public void Checkpointed_SameNode_RestartsThereWithOneMoreRestart()
    {
        var t = CheckpointRules.Checkpointed(Committed(RunningCheckpointing(), 1), 0, 1, RestartPlace.SameNode, null, T1.AddSeconds(5))!;

        var task = t.Job!.Tasks[0];
        Assert.Equal((JobState.Running, "node1", 1, (DateTimeOffset?)null, (int?)null), (task.State, task.Node?.ToString(), task.RestartCount, task.StartTime, task.SessionId));
        Assert.Equal(T1.AddSeconds(5), task.DispatchTime);
        Assert.Equal("checkpointed", t.Event!.Kind);
        Assert.Contains("restarts there (restart 1)", t.Event.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpointed_Target_MovesReservationAndShowsM()
    {
        var job = CheckpointRules.Migrating(Committed(RunningCheckpointing(), 1), 0, "node1", "node2", "gain", T1.AddSeconds(2))!.Job!;
        job = CheckpointRules.Commit(job, 0, Gen(2, 8192), T1.AddSeconds(3)).Job!;

        var t = CheckpointRules.Checkpointed(job, 0, 2, RestartPlace.Target, "node2", T1.AddSeconds(4))!;

        var task = t.Job!.Tasks[0];
        Assert.Equal((JobState.Migrating, "node2", 1), (task.State, task.Node?.ToString(), task.RestartCount));
        Assert.Equal(new PendingMigration("node1", "node2", T1.AddSeconds(2), "gain", 8192), task.Migration);
        Assert.Equal(JobState.Migrating, t.Job.State);
    }

    [Fact]
    public void Checkpointed_TargetWithoutMigratingEvent_StillMovesFromItsNode()
    {
        var t = CheckpointRules.Checkpointed(Committed(RunningCheckpointing(), 1), 0, 1, RestartPlace.Target, "node3", T1)!;

        Assert.Equal(new PendingMigration("node1", "node3", T1, null, 4096), t.Job!.Tasks[0].Migration);
    }

    [Fact]
    public void Checkpointed_MultiChunkTarget_MovesOnlyTheFirstChunk()
    {
        var job = Committed(Running(Submit(1, Checkpointing()), "node1,node2", T1), 1);

        var t = CheckpointRules.Checkpointed(job, 0, 1, RestartPlace.Target, "node3", T1)!;

        Assert.Equal("node3,node2", t.Job!.Tasks[0].Node?.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("node1")]
    public void Checkpointed_TargetMissingOrSameNode_RestartsOnSameNode(string? target)
    {
        var t = CheckpointRules.Checkpointed(Committed(RunningCheckpointing(), 1), 0, 1, RestartPlace.Target, target, T1)!;

        Assert.Equal((JobState.Running, "node1"), (t.Job!.Tasks[0].State, t.Job.Tasks[0].Node?.ToString()));
    }

    [Fact]
    public void Checkpointed_Anywhere_RequeuesKeepingCheckpoint()
    {
        var t = CheckpointRules.Checkpointed(Committed(RunningCheckpointing(), 1, 2), 0, 2, RestartPlace.Anywhere, null, T1)!;

        var task = t.Job!.Tasks[0];
        Assert.Equal((JobState.Queued, (string?)null, 1, 1, 2), (task.State, task.Node?.ToString(), task.RestartCount, task.Requeues, task.LastCheckpoint!.Generation));
        Assert.Equal(JobState.Queued, t.Job.State);
        Assert.StartsWith("requeued: checkpointed generation 2 to leave node1", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpointed_WhileBeingDeleted_EndsDeleted()
    {
        var job = JobStateRules.Delete(Committed(RunningCheckpointing(), 1), null, "alice", T1).Job!;

        var t = CheckpointRules.Checkpointed(job, 0, 1, RestartPlace.SameNode, null, T1)!;

        Assert.Equal(JobState.Deleted, t.Job!.Tasks[0].State);
        Assert.Equal("deleted", t.Event!.Kind);
    }

    [Fact]
    public void Checkpointed_WhileKilledForALimit_FailsWithTheLimit()
    {
        var job = TaskRunRules.Exiting(Committed(RunningCheckpointing(), 1), 0, "walltime 00:01:00 exceeded", T1)!;

        var t = CheckpointRules.Checkpointed(job, 0, 1, RestartPlace.SameNode, null, T1)!;

        Assert.Equal((JobState.Failed, "walltime 00:01:00 exceeded", (int?)85), (t.Job!.Tasks[0].State, t.Job.Tasks[0].Reason, t.Job.Tasks[0].ExitStatus));
    }

    [Fact]
    public void Checkpointed_Stale_IsNull()
    {
        var committed = Committed(RunningCheckpointing(), 1);
        Assert.Null(CheckpointRules.Checkpointed(committed, 0, 2, RestartPlace.SameNode, null, T1));
        Assert.Null(CheckpointRules.Checkpointed(committed, 4, 1, RestartPlace.SameNode, null, T1));
        Assert.Null(CheckpointRules.Checkpointed(Finished(committed, JobState.Completed), 0, 1, RestartPlace.SameNode, null, T1));
        var restarted = CheckpointRules.Checkpointed(committed, 0, 1, RestartPlace.SameNode, null, T1)!.Job!;
        Assert.Null(CheckpointRules.Checkpointed(restarted, 0, 1, RestartPlace.SameNode, null, T1));
    }

    [Fact]
    public void Migrating_RunningTask_ShowsMWithTheMove()
    {
        var t = CheckpointRules.Migrating(RunningCheckpointing(), 0, "node1", "node2", "load", T1)!;

        Assert.Equal((JobState.Migrating, JobState.Migrating), (t.Job!.Tasks[0].State, t.Job.State));
        Assert.Equal(new PendingMigration("node1", "node2", T1, "load"), t.Job.Tasks[0].Migration);
        Assert.Equal(("migrating", "1 from node1 to node2: load"), (t.Event!.Kind, t.Event.Detail));
    }

    [Fact]
    public void Migrating_TypedCause_IsKeptWithTheMoveUntilItsCheckpointIsCommitted()
    {
        var job = CheckpointRules.Migrating(Committed(RunningCheckpointing(), 1), 0, "node1", "node2", "words that say memory", T1, MigrationReason.CpuGain)!.Job!;
        job = CheckpointRules.Commit(job, 0, Gen(2, 8192), T1.AddSeconds(1)).Job!;

        var moved = CheckpointRules.Checkpointed(job, 0, 2, RestartPlace.Target, "node2", T1.AddSeconds(2))!.Job!.Tasks[0].Migration!;

        Assert.Equal((MigrationReason?)MigrationReason.CpuGain, moved.Cause);
        Assert.Equal("words that say memory", moved.Reason);
    }

    [Fact]
    public void Migrating_NotRunningOrNotCheckpointing_IsNull()
    {
        Assert.Null(CheckpointRules.Migrating(Submit(1, Checkpointing()), 0, "node1", "node2", null, T1));
        Assert.Null(CheckpointRules.Migrating(Running(Submit(1), "node1", T1), 0, "node1", "node2", null, T1));
        var m = CheckpointRules.Migrating(RunningCheckpointing(), 0, "node1", "node2", null, T1)!.Job!;
        Assert.Null(CheckpointRules.Migrating(m, 0, "node1", "node3", null, T1));
    }

    [Fact]
    public void Stays_RunningTask_RecordsTheReasonWithoutAnEvent()
    {
        var t = CheckpointRules.Stays(RunningCheckpointing(), 0, "no other node accepts migrations")!;

        Assert.Equal("no other node accepts migrations", t.Job!.Tasks[0].StayReason);
        Assert.Equal(JobState.Running, t.Job.Tasks[0].State);
        Assert.Null(t.Event);
    }

    [Fact]
    public void Stays_SameReasonAgain_NotRunning_OrNoReason_IsNull()
    {
        var staying = CheckpointRules.Stays(RunningCheckpointing(), 0, "cool-down")!.Job!;

        Assert.Null(CheckpointRules.Stays(staying, 0, "cool-down"));
        Assert.Null(CheckpointRules.Stays(Submit(1, Checkpointing()), 0, "cool-down"));
        Assert.Null(CheckpointRules.Stays(RunningCheckpointing(), 0, " "));
        Assert.Null(CheckpointRules.Stays(RunningCheckpointing(), 0, null));
        Assert.Null(CheckpointRules.Stays(RunningCheckpointing(), 5, "cool-down"));
    }

    [Fact]
    public void Migrating_TaskWithAStayReason_ForgetsIt()
    {
        var staying = CheckpointRules.Stays(RunningCheckpointing(), 0, "cool-down")!.Job!;

        Assert.Null(CheckpointRules.Migrating(staying, 0, "node1", "node2", "load", T1)!.Job!.Tasks[0].StayReason);
    }

    [Fact]
    public void MigrationDropped_BackToRunningOnTheSource()
    {
        var m = CheckpointRules.Migrating(RunningCheckpointing(), 0, "node1", "node2", null, T1)!.Job!;

        var t = CheckpointRules.MigrationDropped(m, 0, "no checkpoint within 30 s", T1.AddSeconds(30))!;

        Assert.Equal((JobState.Running, "node1", (PendingMigration?)null), (t.Job!.Tasks[0].State, t.Job.Tasks[0].Node?.ToString(), t.Job.Tasks[0].Migration));
        Assert.Equal(JobState.Running, t.Job.State);
        Assert.Equal("migration-dropped", t.Event!.Kind);
        Assert.Contains("no checkpoint within 30 s", t.Event.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void MigrationDropped_NotMigratingOrAlreadyCheckpointed_IsNull()
    {
        Assert.Null(CheckpointRules.MigrationDropped(RunningCheckpointing(), 0, null, T1));
        var m = CheckpointRules.Migrating(Committed(RunningCheckpointing(), 1), 0, "node1", "node2", null, T1)!.Job!;
        var moving = CheckpointRules.Checkpointed(m, 0, 1, RestartPlace.Target, "node2", T1)!.Job!;
        Assert.Null(CheckpointRules.MigrationDropped(moving, 0, null, T1));
    }

    [Fact]
    public void Started_AfterMigration_RecordsMoveWithMeasuredCost()
    {
        var m = CheckpointRules.Migrating(Committed(RunningCheckpointing(), 1), 0, "node1", "node2", null, T1)!.Job!;
        m = CheckpointRules.Commit(m, 0, Gen(2, 4096), T1).Job!;
        var moving = CheckpointRules.Checkpointed(m, 0, 2, RestartPlace.Target, "node2", T1.AddMilliseconds(300))!.Job!;

        var t = CheckpointRules.Started(moving, 0, 77, T1.AddMilliseconds(812))!;

        var task = t.Job!.Tasks[0];
        Assert.Equal((JobState.Running, 1, (PendingMigration?)null, 77), (task.State, task.Migrations, task.Migration, task.SessionId!.Value));
        Assert.Equal(new TaskMigration("node1", "node2", 4096, TimeSpan.FromMilliseconds(812), T1.AddMilliseconds(812)), task.LastMigration);
        Assert.Equal(("migrated", "1 node1 -> node2 in 812 ms, 4096 bytes"), (t.Event!.Kind, t.Event.Detail));
    }

    [Fact]
    public void Started_PlainRestart_HasNoEvent()
    {
        var restarted = CheckpointRules.Checkpointed(Committed(RunningCheckpointing(), 1), 0, 1, RestartPlace.SameNode, null, T1)!.Job!;

        var t = CheckpointRules.Started(restarted, 0, 5, T1.AddSeconds(1))!;

        Assert.Null(t.Event);
        Assert.Equal((JobState.Running, 0), (t.Job!.Tasks[0].State, t.Job.Tasks[0].Migrations));
    }

    [Fact]
    public void Started_Stale_IsNull() => Assert.Null(CheckpointRules.Started(RunningCheckpointing(), 0, 5, T1));

    [Fact]
    public void MarkBad_NewestGeneration_FallsBackToPrevious()
    {
        var t = CheckpointRules.MarkBad(Committed(RunningCheckpointing(), 1, 2), 0, 2, "generation 2 failed its SHA-256 check", T1)!;

        var task = t.Job!.Tasks[0];
        Assert.Equal([2], task.BadGenerations);
        Assert.Equal(1, task.LastCheckpoint!.Generation);
        Assert.Equal(("checkpoint-bad", "generation 2 failed its SHA-256 check; falls back to generation 1"), (t.Event!.Kind, t.Event.Detail));
    }

    [Fact]
    public void MarkBad_OnlyGeneration_SaysNoneIsLeft()
    {
        var t = CheckpointRules.MarkBad(Committed(RunningCheckpointing(), 1), 0, 1, "bad", T1)!;

        Assert.Null(t.Job!.Tasks[0].LastCheckpoint);
        Assert.EndsWith("no good generation is left", t.Event!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void MarkBad_UnknownGeneration_IsNull(int generation) =>
        Assert.Null(CheckpointRules.MarkBad(Committed(RunningCheckpointing(), 1, 2), 0, generation, "bad", T1));

    [Fact]
    public void MarkBad_Twice_IsNull()
    {
        var once = CheckpointRules.MarkBad(Committed(RunningCheckpointing(), 1, 2), 0, 2, "bad", T1)!.Job!;

        Assert.Null(CheckpointRules.MarkBad(once, 0, 2, "bad", T1));
    }

    [Fact]
    public void LostWithBadCheckpoint_RequeuesToResumeFromPrevious()
    {
        var t = CheckpointRules.LostWithBadCheckpoint(Committed(RunningCheckpointing(rerunnable: false), 1, 2), 0, 2,
            "checkpoint generation 2 of 1 failed its SHA-256 check", T1)!;

        var task = t.Job!.Tasks[0];
        Assert.Equal((JobState.Queued, 1), (task.State, task.LastCheckpoint!.Generation));
        Assert.Equal([2], task.BadGenerations);
        Assert.EndsWith("resumes from checkpoint generation 1", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LostWithBadCheckpoint_NoGoodLeftAndNotRerunnable_Fails()
    {
        var t = CheckpointRules.LostWithBadCheckpoint(Committed(RunningCheckpointing(rerunnable: false), 1), 0, 1, "bad hash", T1)!;

        Assert.Equal(JobState.Failed, t.Job!.Tasks[0].State);
    }

    [Fact]
    public void LostWithBadCheckpoint_NoGoodLeftAndRerunnable_RerunsFromTheStart()
    {
        var t = CheckpointRules.LostWithBadCheckpoint(Committed(RunningCheckpointing(), 1), 0, 1, "bad hash", T1)!;

        Assert.Equal((JobState.Queued, (TaskCheckpoint?)null), (t.Job!.Tasks[0].State, t.Job.Tasks[0].LastCheckpoint));
    }

    [Fact]
    public void Lost_CheckpointedTask_KeepsCheckpointsAndMovesAndResumes()
    {
        var job = Committed(RunningCheckpointing(rerunnable: false), 1) with { };
        job = job with { Tasks = [job.Tasks[0] with { Migrations = 2, RestartCount = 3 }] };

        var t = TaskRunRules.Lost(job, 0, "its node node1 was lost", T1)!;

        var task = t.Job!.Tasks[0];
        Assert.Equal((JobState.Queued, 1, 2, 3, 1), (task.State, task.LastCheckpoint!.Generation, task.Migrations, task.RestartCount, task.Requeues));
        Assert.Equal("requeued: its node node1 was lost; resumes from checkpoint generation 1", task.Reason);
    }

    [Fact]
    public void Lost_WhileMigrating_RequeuesWithoutTheMove()
    {
        var m = CheckpointRules.Migrating(Committed(RunningCheckpointing(), 1), 0, "node1", "node2", null, T1)!.Job!;

        var task = TaskRunRules.Lost(m, 0, "world lost", T1)!.Job!.Tasks[0];

        Assert.Equal((JobState.Queued, (PendingMigration?)null), (task.State, task.Migration));
    }

    [Fact]
    public void Delete_BetweenNodesOfAMigration_EndsAtOnce_ButOnTheSourceWaitsForTheKill()
    {
        var m = CheckpointRules.Migrating(Committed(RunningCheckpointing(), 1), 0, "node1", "node2", null, T1)!.Job!;
        var between = CheckpointRules.Checkpointed(m, 0, 1, RestartPlace.Target, "node2", T1)!.Job!;

        Assert.Equal(JobState.Exiting, JobStateRules.Delete(m, null, "alice", T1).Job!.Tasks[0].State);
        Assert.Equal(JobState.Deleted, JobStateRules.Delete(between, null, "alice", T1).Job!.Tasks[0].State);
    }
}
