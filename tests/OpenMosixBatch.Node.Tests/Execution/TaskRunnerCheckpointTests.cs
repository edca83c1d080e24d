using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Checkpoints;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>
/// The checkpoint examples of jobs/ run through real runners: signalled mid-run, packed, restored on a fresh runner
/// (another spool, as on another node) and finished with exactly the undisturbed answer.
/// </summary>
public sealed class TaskRunnerCheckpointTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly string JobsDirectory = FindJobs();
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-ckpt-runner-");
    private readonly List<TaskRunner> _runners = [];

    [Fact]
    public async Task CkptSum_SignalledThenRestoredElsewhere_GivesTheUndisturbedSum()
    {
        const long n = 1_500_000;
        var job = Job(11, File.ReadAllText(Path.Combine(JobsDirectory, "ckpt-sum.sh")), [n.ToString(System.Globalization.CultureInfo.InvariantCulture), "50000"]);
        var source = Runner("a");
        source.Start(new TaskStartOrder(job, 0, ["a"]));
        await ReportAsync<TaskStarted>(source);
        await WaitForCpuAsync(source);

        Assert.True(source.RequestCheckpoint(11, 0, CheckpointCause.Migration, "b", TimeSpan.FromSeconds(60)));
        var checkpoint = await ReportAsync<TaskCheckpointed>(source);

        Assert.Equal(CheckpointCause.Migration, checkpoint.Cause);
        Assert.Equal("b", checkpoint.Target);
        Assert.Equal(CheckpointArchive.HashFile(checkpoint.ArchivePath), checkpoint.Sha256);
        Assert.Equal(new FileInfo(checkpoint.ArchivePath).Length, checkpoint.Bytes);
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "a", "11-0")), "the task's spool folder goes at the checkpoint exit");

        var target = Runner("b");
        var copy = Path.Combine(_dir.FullName, "moved.tar");
        File.Copy(checkpoint.ArchivePath, copy);
        target.Start(new TaskStartOrder(job, 0, ["b"], RestartCount: 1, Restore: new RestoreArchive(copy, checkpoint.Sha256, 1)));
        var ended = await ReportAsync<TaskEnded>(target);

        Assert.Equal(0, ended.ExitStatus);
        Assert.Equal($"sum {n * (n + 1) / 2} expected {n * (n + 1) / 2} resumes 1 restart_count 1\n", await File.ReadAllTextAsync(Path.Combine(_dir.FullName, "t.o11")));
    }

    [Fact]
    public async Task CkptPrimes_CheckpointedTwiceWithBallast_CountsExactly()
    {
        // pi(10^6) = 78498.
        var job = Job(12, File.ReadAllText(Path.Combine(JobsDirectory, "ckpt_primes.py")), ["1000000", "8"]);
        TaskCheckpointed? last = null;
        for (var round = 0; round < 3; round++)
        {
            var runner = Runner("n" + round);
            var restore = last is null ? null : new RestoreArchive(last.ArchivePath, last.Sha256, round);
            runner.Start(new TaskStartOrder(job, 0, ["n" + round], RestartCount: round, Restore: restore));
            await ReportAsync<TaskStarted>(runner);
            if (round == 2)
            {
                var ended = await ReportAsync<TaskEnded>(runner);
                Assert.Equal(0, ended.ExitStatus);
                break;
            }

            await WaitForCpuAsync(runner);
            Assert.True(runner.RequestCheckpoint(12, 0, CheckpointCause.Periodic, null, grace: null));
            last = await ReportAsync<TaskCheckpointed>(runner);
            Assert.True(last.Bytes > 8L << 20, $"checkpoint of {last.Bytes} bytes lacks its 8 MiB ballast");
        }

        Assert.Equal("primes below 1000000: 78498 resumes 2 restart_count 2\n", await File.ReadAllTextAsync(Path.Combine(_dir.FullName, "t.o12")));
    }

    [Fact]
    public async Task Start_RestoreWithFlippedByte_ReportsRestoreFailedAndStartsNothing()
    {
        var packed = Path.Combine(_dir.FullName, "good");
        Directory.CreateDirectory(packed);
        await File.WriteAllTextAsync(Path.Combine(packed, "state"), "10 55 0\n");
        var archive = Path.Combine(_dir.FullName, "bad.tar");
        var sha = CheckpointArchive.Pack(packed, archive);
        var bytes = await File.ReadAllBytesAsync(archive);
        bytes[520] ^= 0x40;
        await File.WriteAllBytesAsync(archive, bytes);
        var runner = Runner("c");

        runner.Start(new TaskStartOrder(Job(13, "#!/bin/sh\ntouch started\n", []), 0, ["c"], RestartCount: 3, Restore: new RestoreArchive(archive, sha, 3)));
        var failed = await ReportAsync<TaskRestoreFailed>(runner);

        Assert.Equal("checkpoint generation 3 of 13[0] failed its SHA-256 check", failed.Reason);
        Assert.Equal(0, runner.RunningCount);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "started")));
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "c", "13-0")));
    }

    [Fact]
    public async Task RequestCheckpoint_TaskIgnoresTheSignal_IsDroppedAfterGraceAndKillLeavesNothing()
    {
        var job = Job(14, "#!/bin/bash\ntrap '' USR1\ntouch trapped\nsleep 60 & wait\n", []);
        var runner = Runner("d");
        runner.Start(new TaskStartOrder(job, 0, ["d"]));
        await ReportAsync<TaskStarted>(runner);
        await WaitForFileAsync(Path.Combine(_dir.FullName, "trapped"));

        Assert.True(runner.RequestCheckpoint(14, 0, CheckpointCause.Migration, "e", TimeSpan.FromMilliseconds(500)));
        var dropped = await ReportAsync<TaskCheckpointDropped>(runner);

        Assert.Equal("e", dropped.Target);
        Assert.Contains("did not checkpoint within 0.5 s", dropped.Reason, StringComparison.Ordinal);
        Assert.Equal(1, runner.RunningCount);

        Assert.True(runner.Kill(14, 0, "deleted by alice"));
        var ended = await ReportAsync<TaskEnded>(runner);
        Assert.Equal("deleted by alice", ended.Reason);
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "d", "14-0")));
        Assert.True(runner.Checkpoints.HoldsNothingOf(14, 0));
    }

    [Fact]
    public async Task Sample_CheckpointingTask_ReportsWhatItsCheckpointDirectoryHoldsBeforeItsFirstCheckpoint()
    {
        var script = "#!/bin/bash\nhead -c 3000000 /dev/zero > \"$OMB_CHECKPOINT_DIR/ballast\"\nmkdir -p \"$OMB_CHECKPOINT_DIR/d\"\nhead -c 5000 /dev/zero > \"$OMB_CHECKPOINT_DIR/d/s\"\ntouch written\nsleep 60\n";
        var runner = Runner("h");
        runner.Start(new TaskStartOrder(Job(17, script, []), 0, ["h"]));
        await ReportAsync<TaskStarted>(runner);
        await WaitForFileAsync(Path.Combine(_dir.FullName, "written"));

        Assert.Equal(3_005_000, Assert.Single(runner.Sample()).CheckpointDirectoryBytes);
    }

    [Fact]
    public async Task Exit85_JobWithoutCheckpoints_IsAPlainEnd()
    {
        var job = Job(15, "#!/bin/sh\nexit 85\n", []) with { Spec = Job(15, "#!/bin/sh\nexit 85\n", []).Spec with { Checkpoint = CheckpointPolicy.None } };
        var runner = Runner("f");

        runner.Start(new TaskStartOrder(job, 0, ["f"]));
        var ended = await ReportAsync<TaskEnded>(runner);

        Assert.Equal(85, ended.ExitStatus);
        Assert.True(runner.Checkpoints.HoldsNothingOf(15, 0));
    }

    [Fact]
    public async Task Sample_PeriodicPolicy_SignalsTheLeaderWhichCheckpoints()
    {
        var job = Job(16, "#!/bin/bash\ntrap 'echo saved > \"$OMB_CHECKPOINT_DIR/s\"; exit 85' USR1\ntouch trapped\nwhile :; do sleep 0.05; done\n", []);
        job = job with { Spec = job.Spec with { Checkpoint = new CheckpointPolicy(CheckpointMode.Periodic, TimeSpan.FromMilliseconds(300)) } };
        var runner = Runner("g");
        runner.Start(new TaskStartOrder(job, 0, ["g"]));
        await ReportAsync<TaskStarted>(runner);
        await WaitForFileAsync(Path.Combine(_dir.FullName, "trapped"));

        TaskCheckpointed? checkpoint = null;
        var start = TimeProvider.System.GetTimestamp();
        while (checkpoint is null && TimeProvider.System.GetElapsedTime(start) < Deadline)
        {
            runner.Sample();
            while (runner.Reports.TryRead(out var report))
            {
                Assert.IsNotType<TaskEnded>(report);
                checkpoint = report as TaskCheckpointed ?? checkpoint;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        Assert.NotNull(checkpoint);
        Assert.Equal(CheckpointCause.Periodic, checkpoint.Cause);
        Assert.Null(checkpoint.Target);
    }

    public void Dispose()
    {
        foreach (var runner in _runners)
        {
            foreach (var (jobId, index) in runner.Running)
            {
                runner.Kill(jobId, index, "test cleanup");
            }

            var start = TimeProvider.System.GetTimestamp();
            while (runner.RunningCount > 0 && TimeProvider.System.GetElapsedTime(start) < TimeSpan.FromSeconds(5))
            {
                Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System).GetAwaiter().GetResult();
            }
        }

        _dir.Delete(recursive: true);
    }

    private TaskRunner Runner(string node)
    {
        var runner = new TaskRunner(node, 1, new TaskSpool(Path.Combine(_dir.FullName, node)), new ProcfsReader(), TimeProvider.System, TimeSpan.FromSeconds(1), RunAsSettings.ForThisProcess(allowRootJobs: true));
        _runners.Add(runner);
        return runner;
    }

    /// <summary>Waits until the task has done some work, so the checkpoint falls mid-run.</summary>
    private static async Task WaitForCpuAsync(TaskRunner runner)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(start) < Deadline)
        {
            if (runner.Sample() is [{ CpuTime.TotalSeconds: > 0.3 }])
            {
                return;
            }

            if (runner.RunningCount == 0)
            {
                throw new InvalidOperationException("the task ended before it was signalled: give it more work");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        throw new TimeoutException("the task used no CPU");
    }

    private static async Task WaitForFileAsync(string path)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!File.Exists(path))
        {
            Assert.True(TimeProvider.System.GetElapsedTime(start) < Deadline, $"{path} never appeared");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    private static Task<T> ReportAsync<T>(TaskRunner runner)
        where T : TaskReport => RunnerReports.NextAsync<T>(runner, Deadline);

    private Job Job(long id, string script, IReadOnlyList<string> arguments) =>
        RunnerJobs.Running(id, _dir.FullName, script, arguments, checkpoint: new CheckpointPolicy(CheckpointMode.Enabled));

    private static string FindJobs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "jobs", "ckpt-sum.sh")))
            {
                return Path.Combine(dir.FullName, "jobs");
            }
        }

        throw new DirectoryNotFoundException("jobs/ckpt-sum.sh not found above " + AppContext.BaseDirectory);
    }
}
