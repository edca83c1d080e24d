using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Cli.Tests.Formatting;

public sealed class QstatCheckpointLinesTests
{
    private static readonly DateTimeOffset T = new(2025, 11, 25, 6, 44, 0, TimeSpan.Zero);

    private static Job Job(CheckpointPolicy policy, JobTask task, ArraySpec? array = null) => new()
    {
        Id = 7,
        Spec = new JobSpec { Name = "c", WorkingDirectory = "/w", SubmitDirectory = "/w", Checkpoint = policy, Array = array },
        Owner = new JobOwner(1000, 1000, "alice"),
        SubmitTime = T,
        State = task.State,
        Tasks = [task],
    };

    [Fact]
    public void For_NoCheckpointing_NoLines() => Assert.Empty(QstatCheckpointLines.For(Job(CheckpointPolicy.None, new JobTask(0, JobState.Running)), TimeZoneInfo.Utc));

    [Fact]
    public void For_PolicyOnly_ShowsOnlyThePolicy() =>
        Assert.Equal([("checkpoint", "periodic=5")],
            QstatCheckpointLines.For(Job(new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(5)), new JobTask(0, JobState.Queued)), TimeZoneInfo.Utc));

    [Fact]
    public void For_CheckpointedAndMoved_ShowsEveryLine()
    {
        var task = new JobTask(0, JobState.Migrating)
        {
            Checkpoints = [new TaskCheckpoint(2, T, 4096, "a"), new TaskCheckpoint(3, T.AddMinutes(1), 2048, "b")],
            CheckpointGeneration = 3,
            BadGenerations = [3],
            Migrations = 2,
            LastMigration = new TaskMigration("node1", "node2", 4096, TimeSpan.FromMilliseconds(812.6), T),
            Migration = new PendingMigration("node2", "node3", T.AddMinutes(2), "expelled"),
        };

        Assert.Equal(
            [
                ("checkpoint", "enabled,signal=USR2"),
                ("checkpoint_generation", "2"),
                ("last_checkpoint_time", "Tue Nov 25 06:44:00 2025"),
                ("last_checkpoint_size", "4kb"),
                ("bad_checkpoint_generations", "3"),
                ("migrations", "2"),
                ("last_migration", "node1 -> node2 in 812 ms, 4096 bytes"),
                ("migrating", "node2 -> node3 since Tue Nov 25 06:46:00 2025: expelled"),
            ],
            QstatCheckpointLines.For(Job(new CheckpointPolicy(CheckpointMode.Enabled, Signal: 12), task), TimeZoneInfo.Utc));
    }

    [Fact]
    public void For_RunningTaskThePlannerKeeps_ShowsWhyItStays()
    {
        var task = new JobTask(0, JobState.Running) { StayReason = "the best move, to node2, gains 0.8 s, not more than its cost 2.1 s × 1.1 (hysteresis)" };

        Assert.Equal(
            [
                ("checkpoint", "enabled"),
                ("migration", "stays: the best move, to node2, gains 0.8 s, not more than its cost 2.1 s × 1.1 (hysteresis)"),
            ],
            QstatCheckpointLines.For(Job(new CheckpointPolicy(CheckpointMode.Enabled), task), TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(JobState.Migrating)]
    [InlineData(JobState.Queued)]
    [InlineData(JobState.Completed)]
    public void For_TaskNotRunning_HidesAnOldStayReason(JobState state) =>
        Assert.Equal([("checkpoint", "enabled")],
            QstatCheckpointLines.For(Job(new CheckpointPolicy(CheckpointMode.Enabled), new JobTask(0, state) { StayReason = "cool-down" }), TimeZoneInfo.Utc));

    [Fact]
    public void For_Array_ShowsOnlyThePolicy()
    {
        var task = new JobTask(1, JobState.Running) { Checkpoints = [new TaskCheckpoint(1, T, 1, "a")], CheckpointGeneration = 1 };

        Assert.Equal([("checkpoint", "enabled")],
            QstatCheckpointLines.For(Job(new CheckpointPolicy(CheckpointMode.Enabled), task, new ArraySpec([1])), TimeZoneInfo.Utc));
    }

    [Fact]
    public void ForTask_ShowsGenerationAndMigrations()
    {
        Assert.Equal("", QstatCheckpointLines.ForTask(new JobTask(1, JobState.Running)));
        Assert.Equal(" ckpt_gen=1 migrations=4", QstatCheckpointLines.ForTask(new JobTask(1, JobState.Running)
        {
            Checkpoints = [new TaskCheckpoint(1, T, 1, "a")],
            CheckpointGeneration = 1,
            Migrations = 4,
        }));
    }

    [Fact]
    public void FullFormat_CheckpointedJob_HasTheLinesInTheBlock()
    {
        var task = new JobTask(0, JobState.Running) { Checkpoints = [new TaskCheckpoint(1, T, 5 << 20, "a")], CheckpointGeneration = 1 };

        var text = QstatFullFormatter.Format(Job(new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMinutes(5)), task), TimeZoneInfo.Utc);

        Assert.Contains("    checkpoint = periodic=5\n    checkpoint_generation = 1\n    last_checkpoint_time = Tue Nov 25 06:44:00 2025\n    last_checkpoint_size = 5mb\n", text, StringComparison.Ordinal);
    }
}
