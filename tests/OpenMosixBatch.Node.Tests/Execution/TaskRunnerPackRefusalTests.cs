using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Files;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>
/// A checkpoint exit whose directory cannot be packed, for whatever reason, ends the task with the reason and leaves
/// nothing of it on the node (issue 22, findings 4, 5 and 9); one the old ustar format could not hold is packed.
/// </summary>
public sealed class TaskRunnerPackRefusalTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-pack-refusal-");
    private readonly TaskRunner _runner;

    public TaskRunnerPackRefusalTests() =>
        _runner = new TaskRunner("n", 1, new TaskSpool(Path.Combine(_dir.FullName, "spool")), new ProcfsReader(), TimeProvider.System,
            TimeSpan.FromSeconds(1), RunAsSettings.ForThisProcess(allowRootJobs: true)) { MaxCheckpointBytes = 1L << 20 };

    public void Dispose()
    {
        foreach (var (jobId, index) in _runner.Running)
        {
            _runner.Kill(jobId, index, "test cleanup");
        }

        DirectoryTree.Delete(_dir.FullName);
    }

    [Fact]
    public async Task CheckpointExit_FileNameOf150Characters_IsCheckpointed()
    {
        // ustar held at most 100 bytes in a name: TarWriter threw ArgumentException, which escaped the pack, and the
        // task stayed running here for ever, with no report.
        Start(21, "#!/bin/sh\necho x > \"$OMB_CHECKPOINT_DIR/$(printf 'a%.0s' $(seq 150))\"\nexit 85\n");

        var checkpointed = await RunnerReports.NextAsync<TaskCheckpointed>(_runner, Deadline);

        Assert.True(checkpointed.Bytes > 0);
        Assert.Equal(0, _runner.RunningCount);
    }

    [Fact]
    public async Task CheckpointExit_SparseFileOverTheLimit_EndsTheTaskWithTheReason_AndLeavesNothing()
    {
        Start(22, "#!/bin/sh\ntruncate -s 1G \"$OMB_CHECKPOINT_DIR/sparse\"\nexit 85\n");

        var ended = await RunnerReports.NextAsync<TaskEnded>(_runner, Deadline);

        Assert.Equal(85, ended.ExitStatus);
        Assert.Contains("larger than the limit of 1mb (" + CheckpointSizeLimit.Key + ")", ended.Reason, StringComparison.Ordinal);
        AssertNothingLeftOf(22);
    }

    [Fact]
    public async Task CheckpointExit_NameThatIsNotUtf8_EndsTheTaskWithTheReason_AndRemovesItsSpoolDirectory()
    {
        Start(23, "#!/bin/sh\necho x > \"$OMB_CHECKPOINT_DIR/$(printf 'caf\\351')\"\nexit 85\n");

        var ended = await RunnerReports.NextAsync<TaskEnded>(_runner, Deadline);

        Assert.Contains(@"'caf\xE9' has a name that is not UTF-8", ended.Reason, StringComparison.Ordinal);
        AssertNothingLeftOf(23);
    }

    private void Start(long id, string script) =>
        _runner.Start(new TaskStartOrder(RunnerJobs.Running(id, _dir.FullName, script, checkpoint: new CheckpointPolicy(CheckpointMode.Enabled)), 0, ["n"]));

    private void AssertNothingLeftOf(long id)
    {
        Assert.Equal(0, _runner.RunningCount);
        Assert.True(_runner.Checkpoints.HoldsNothingOf(id, 0));
        Assert.Empty(Directory.EnumerateFiles(_runner.Checkpoints.Root));
        Assert.False(Path.Exists(Path.Combine(_dir.FullName, "spool", $"{id}-0")), "the task's spool directory was left behind");
    }
}
