using Microsoft.Extensions.Logging.Abstractions;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>
/// A rank adopts the tasks its dead predecessor on the node left to their shepherds (real omb-shepherd processes): it
/// reports each end once with the recorded status, loses only a task whose shepherd left no record, and keeps
/// enforcing limits and deletions on what it adopted.
/// </summary>
public sealed class TaskRunnerAdoptionTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-adopt-");
    private readonly TaskSpool _spool;
    private readonly TaskRunner _runner;
    private readonly List<TaskProcess> _abandoned = [];

    public TaskRunnerAdoptionTests()
    {
        _spool = new TaskSpool(Path.Combine(_dir.FullName, "spool"));
        _runner = new TaskRunner("node2", 1, _spool, new ProcfsReader(), TimeProvider.System, TimeSpan.FromSeconds(1), RunAsSettings.ForThisProcess(allowRootJobs: true));
    }

    [Fact]
    public async Task Adopt_TaskStillRunning_ReportsItsEndOnce_WithTheRecordedExitStatus()
    {
        var process = Abandon(Job(1, "#!/bin/sh\nwhile [ ! -e go ]; do sleep 0.05; done\nexit 7\n"));

        var (adopted, reaped) = await AdoptAsync();
        _runner.WatchAdopted();
        Assert.Equal((1, 0), (adopted, reaped));
        Assert.Contains(new TaskKey(1, 0), _runner.Running);
        // Its start again (the earlier rank's may have been lost with its world), with the job's own PID.
        Assert.True(_runner.Reports.TryRead(out var start) && start is TaskStarted { JobId: 1 } s && s.Pid == process.Pid, $"the start is not reported again: {start}");
        Assert.True(_runner.Reports.TryRead(out var first) && first is TaskCheckpointDropped { JobId: 1 }, $"a move under way is not dropped: {first}");
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "go"), "");
        var ended = await RunnerReports.NextAsync<TaskEnded>(_runner, Deadline);

        Assert.Equal((1L, 7, null), (ended.JobId, ended.ExitStatus, ended.Reason));
        Assert.False(_runner.Reports.TryRead(out var more), $"a second report: {more}");
        Assert.Empty(_runner.Running);
        Assert.False(Directory.Exists(_spool.DirectoryOf(1, 0)), "the adopted task's spool is removed after its end");
        Assert.True(process.Ended.IsCompleted);
    }

    [Fact]
    public async Task Adopt_TaskThatEndedWhileNoRankRan_ReportsTheRecordedEnd_OnlyOnceTheWorldHasSeenIt()
    {
        var process = Abandon(Job(2, "#!/bin/sh\ni=0; while [ $i -lt 20000 ]; do i=$((i+1)); done\nexit 5\n"));
        Assert.NotNull(await process.Ended.WaitAsync(Deadline));

        var (adopted, _) = await AdoptAsync();
        Assert.Equal(1, adopted);
        Assert.Contains(new TaskKey(2, 0), _runner.Running);
        Assert.False(_runner.Reports.TryRead(out var early), $"reported before the world saw the adopted task: {early}");
        _runner.WatchAdopted();
        var ended = await RunnerReports.NextAsync<TaskEnded>(_runner, Deadline);

        Assert.Equal((2L, 5), (ended.JobId, ended.ExitStatus));
        Assert.True(ended.CpuTime > TimeSpan.Zero, "the shepherd's CPU time is reported");
        Assert.True(ended.PeakRssBytes > 0, "the shepherd's peak memory is reported");
    }

    [Fact]
    public async Task Adopt_ShepherdKilledWithoutRecord_IsLost_AndWhatIsLeftOfTheJobEnds()
    {
        var process = Abandon(Job(3, "#!/bin/sh\nsleep 60\n"));
        Assert.True(Signals.SendToProcess(process.ShepherdPid, Signals.SigKill));
        Assert.Null(await process.Ended.WaitAsync(Deadline));

        await AdoptAsync();
        _runner.WatchAdopted();
        var lost = await RunnerReports.NextAsync<TaskLost>(_runner, Deadline);

        Assert.Equal(3L, lost.JobId);
        await PollAsync(() => TaskProcess.ProcessesInGroup(process.ProcessGroup).Count == 0, "the unheld job to be ended");
    }

    [Fact]
    public async Task Kill_AdoptedTask_EndsItWithTheGivenReason()
    {
        Abandon(Job(4, "#!/bin/sh\nsleep 60 & wait\n"));
        await AdoptAsync();
        _runner.WatchAdopted();

        Assert.True(_runner.Kill(4, 0, "deleted by alice"));
        var ended = await RunnerReports.NextAsync<TaskEnded>(_runner, Deadline);

        Assert.Equal(("deleted by alice", 128 + Signals.SigTerm), (ended.Reason, ended.ExitStatus));
    }

    [Fact]
    public async Task Sample_AdoptedTaskOverWalltime_IsKilledWithTheReason_CountingFromItsFirstStart()
    {
        Abandon(Job(5, "#!/bin/sh\nsleep 60\n", new ResourceRequest(Walltime: TimeSpan.FromSeconds(1))));
        await AdoptAsync();
        _runner.WatchAdopted();

        TaskEnded? ended = null;
        await PollAsync(() =>
        {
            _runner.Sample();
            while (_runner.Reports.TryRead(out var report))
            {
                ended ??= report as TaskEnded;
            }

            return ended is not null;
        }, "the walltime kill");

        Assert.Contains("walltime", ended!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_LeftoverWithoutAnOrder_IsReaped_NotAdopted()
    {
        var process = Abandon(Job(6, "#!/bin/sh\nsleep 60\n"));
        File.Delete(Path.Combine(_spool.SessionsRoot, "6-0" + TaskSpool.OrderSuffix));

        var (adopted, reaped) = await AdoptAsync();

        Assert.Equal((0, 1), (adopted, reaped));
        Assert.Empty(_runner.Running);
        Assert.False(Directory.Exists(_spool.DirectoryOf(6, 0)));
        await PollAsync(() => TaskProcess.ProcessesInGroup(process.ProcessGroup).Count == 0, "the reaped group to end");
    }

    public void Dispose()
    {
        foreach (var process in _abandoned)
        {
            if (process.GroupAlive())
            {
                Signals.SendToGroup(process.ProcessGroup, Signals.SigKill);
            }

            process.Dispose();
        }

        _dir.Delete(recursive: true);
    }

    private Task<(int Adopted, int Reaped)> AdoptAsync() =>
        new ShepherdAdopter(_spool, _runner, new ProcfsReader(), TimeProvider.System, NullLogger.Instance).AdoptAsync(CancellationToken.None);

    /// <summary>What a rank that died leaves: the task's files and records in the spool, and its shepherd holding it.</summary>
    private TaskProcess Abandon(Job job)
    {
        var order = new TaskStartOrder(job, 0, ["node2"]);
        var (exe, args, nodeFile, checkpoint) = _spool.Prepare(order);
        var env = TaskEnvironment.Build(job, job.Tasks[0], "node2", 1, checkpoint, nodeFile);
        env["PATH"] = "/usr/bin:/bin";
        var (output, error) = OutputPaths.For(job, 0);
        _spool.RecordOrder(job.Id, 0, new Api.Contracts.WorldOrder(Api.Contracts.WorldOrderKind.Start, job.Id, 0, job, order.Nodes));
        var process = TaskProcess.Start(new TaskLaunch(exe, args, job.Spec.WorkingDirectory, env, output, error) { Record = _spool.ShepherdRecordOf(job.Id, 0) }, TimeProvider.System);
        _abandoned.Add(process);
        _spool.RecordSession(job.Id, 0, process.ProcessGroup, new ProcfsReader().ReadStartTicks(process.Pid), process.StartTime, switchedUser: false);
        return process;
    }

    private Job Job(long id, string script, ResourceRequest? resources = null) =>
        RunnerJobs.Running(id, _dir.FullName, script, resources: resources);

    private static async Task PollAsync(Func<bool> done, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!done())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(start) < Deadline, $"timed out waiting for {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
    }
}
