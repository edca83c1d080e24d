using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>The runner with real processes: environment, output files, limit kills with reasons, deletion.</summary>
public sealed class TaskRunnerTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-runner-");
    private readonly TaskRunner _runner;

    public TaskRunnerTests()
    {
        _runner = new TaskRunner("node2", 1, new TaskSpool(Path.Combine(_dir.FullName, "spool")), new ProcfsReader(), TimeProvider.System, TimeSpan.FromSeconds(1), RunAsSettings.ForThisProcess(allowRootJobs: true));
    }

    [Fact]
    public async Task Start_ScriptJob_RunsInWorkdirWithPbsEnvironmentAndReportsExit()
    {
        var job = Job(1, "#!/bin/bash\necho \"$PBS_JOBID $OMB_NODE $OMB_RANK $(cat $PBS_NODEFILE | wc -l) $(pwd)\"\nexit 3\n",
            resources: new ResourceRequest(CpusPerChunk: 2));

        _runner.Start(new TaskStartOrder(job, 0, ["node2"]));
        var ended = await EndedAsync();

        Assert.Equal(3, ended.ExitStatus);
        Assert.Null(ended.Reason);
        Assert.Equal($"1 node2 1 2 {_dir.FullName}\n", await File.ReadAllTextAsync(Path.Combine(_dir.FullName, "t.o1")));
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "spool", "1-0")), "the spool is removed after the task");
    }

    [Fact]
    public async Task Start_CommandJob_ExecsTheCommandWithPathLookup()
    {
        var job = Job(2, null, command: ["echo", "hello", "world"]);

        _runner.Start(new TaskStartOrder(job, 0, ["node2"]));
        var ended = await EndedAsync();

        Assert.Equal(0, ended.ExitStatus);
        Assert.Equal("hello world\n", await File.ReadAllTextAsync(Path.Combine(_dir.FullName, "t.o2")));
    }

    [Fact]
    public async Task Sample_OverWalltime_KillsWithReason()
    {
        var job = Job(3, "#!/bin/sh\nsleep 60\n", resources: new ResourceRequest(Walltime: TimeSpan.FromSeconds(1)));
        _runner.Start(new TaskStartOrder(job, 0, ["node2"]));

        var ended = await SampleUntilEndedAsync();

        Assert.Equal(128 + 15, ended.ExitStatus);
        Assert.Contains("walltime", ended.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_OverMemory_KillsWithReason()
    {
        var job = Job(4, "#!/bin/bash\nx=$(head -c 40000000 /dev/zero | tr '\\0' a)\nsleep 60\n", resources: new ResourceRequest(MemoryBytesPerChunk: 16L << 20));
        _runner.Start(new TaskStartOrder(job, 0, ["node2"]));

        var ended = await SampleUntilEndedAsync();

        Assert.Contains("memory", ended.Reason, StringComparison.Ordinal);
        Assert.True(ended.PeakRssBytes > 16L << 20, "the peak recorded is the one that crossed the limit");
    }

    [Fact]
    public async Task Kill_RunningTask_EndsItWithTheGivenReason()
    {
        var job = Job(5, "#!/bin/sh\nsleep 60 & wait\n");
        _runner.Start(new TaskStartOrder(job, 0, ["node2"]));
        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);

        Assert.True(_runner.Kill(5, 0, "deleted by alice"));
        var ended = await EndedAsync();

        Assert.Equal("deleted by alice", ended.Reason);
        Assert.Equal(0, _runner.RunningCount);
    }

    [Fact]
    public async Task KillAll_ServerStopping_ReportsTheTaskLostWithTheStopsReason()
    {
        // The server's stop is a typed kill: its task is reported lost (to be run again), whatever the reason's words.
        _runner.Start(new TaskStartOrder(Job(9, "#!/bin/sh\nsleep 60\n"), 0, ["node2"]));
        await RunnerReports.NextAsync<TaskStarted>(_runner, Deadline);

        await _runner.KillAllAsync("deleted by alice", Deadline, serverStopping: true);
        var lost = await RunnerReports.NextAsync<TaskLost>(_runner, Deadline);

        Assert.Equal((9L, 0, "deleted by alice"), (lost.JobId, lost.TaskIndex, lost.Reason));
        Assert.Equal(0, _runner.RunningCount);
    }

    [Fact]
    public async Task Start_MissingWorkingDirectory_ReportsCouldNotStart()
    {
        var job = Job(6, "#!/bin/sh\ntrue\n") with { Spec = Job(6, "#!/bin/sh\ntrue\n").Spec with { WorkingDirectory = "/nonexistent/dir" } };

        _runner.Start(new TaskStartOrder(job, 0, ["node2"]));
        var ended = await EndedAsync();

        Assert.Equal(127, ended.ExitStatus);
        Assert.Contains("could not start", ended.Reason, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/dir", ended.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OutputFileThatCannotBeOpened_EndsWithTheShepherdsReason()
    {
        var job = Job(7, "#!/bin/sh\necho hi\n") with { Spec = Job(7, "#!/bin/sh\necho hi\n").Spec with { OutputPath = "/nonexistent/dir/out" } };

        _runner.Start(new TaskStartOrder(job, 0, ["node2"]));
        var ended = await EndedAsync();

        Assert.NotEqual(0, ended.ExitStatus);
        Assert.Contains("could not start as root (uid 0)", ended.Reason, StringComparison.Ordinal);
        Assert.Contains("omb-shepherd: cannot open /nonexistent/dir/out: No such file or directory", ended.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RootsTaskOnANodeThatRefusesRoot_EndsAt126WithTheReason_AndLeavesNothing()
    {
        var runner = new TaskRunner("node2", 1, new TaskSpool(Path.Combine(_dir.FullName, "strict")), new ProcfsReader(), TimeProvider.System,
            TimeSpan.FromSeconds(1), new RunAsSettings(0, AllowRootJobs: false));

        runner.Start(new TaskStartOrder(Job(8, "#!/bin/sh\ntouch ran\n"), 0, ["node2"]));
        using var cts = new CancellationTokenSource(Deadline);
        var ended = Assert.IsType<TaskEnded>(await runner.Reports.ReadAsync(cts.Token));

        Assert.Equal(126, ended.ExitStatus);
        Assert.Contains("refuses to run tasks as root", ended.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "ran")));
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "strict")), "nothing of a refused task is written on the node");
    }

    public void Dispose()
    {
        foreach (var (jobId, index) in _runner.Running)
        {
            _runner.Kill(jobId, index, "test cleanup");
        }

        var start = TimeProvider.System.GetTimestamp();
        while (_runner.RunningCount > 0 && TimeProvider.System.GetElapsedTime(start) < TimeSpan.FromSeconds(5))
        {
            Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System).GetAwaiter().GetResult();
        }

        _dir.Delete(recursive: true);
    }

    private Job Job(long id, string? script, IReadOnlyList<string>? command = null, ResourceRequest? resources = null) =>
        RunnerJobs.Running(id, _dir.FullName, script, command: command, resources: resources);

    private async Task<TaskEnded> EndedAsync()
    {
        using var cts = new CancellationTokenSource(Deadline);
        await foreach (var report in _runner.Reports.ReadAllAsync(cts.Token))
        {
            if (report is TaskEnded ended)
            {
                return ended;
            }
        }

        throw new InvalidOperationException("report channel closed");
    }

    private async Task<TaskEnded> SampleUntilEndedAsync()
    {
        var start = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(start) < Deadline)
        {
            _runner.Sample();
            while (_runner.Reports.TryRead(out var report))
            {
                if (report is TaskEnded ended)
                {
                    return ended;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        throw new TimeoutException("the task was not ended by its limit");
    }
}
