using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Procfs;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>
/// Parts of jobs (omb rsh) on a node, with real omb-shepherd processes: what a rank that died left is ended and
/// reported with what it used by the next rank, and the job's memory per chunk bounds the sum of its parts on the node.
/// </summary>
public sealed class TaskRunnerPartTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // About 45 MiB resident, held until killed (perl is in every Debian: perl-base).
    private const string Holds40MiB = "perl -e 'my $x = \"\"; vec($x, (40 << 20) - 1, 8) = 1; sleep 60'";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-parts-");
    private readonly TaskSpool _spool;
    private readonly TaskRunner _runner;
    private readonly List<TaskProcess> _abandoned = [];

    public TaskRunnerPartTests()
    {
        _spool = new TaskSpool(Path.Combine(_dir.FullName, "spool"));
        _runner = new TaskRunner("node2", 1, _spool, new ProcfsReader(), TimeProvider.System, TimeSpan.FromSeconds(1), RunAsSettings.ForThisProcess(allowRootJobs: true));
    }

    [Fact]
    public async Task EndLeftoverParts_PartStillRunningWhoseRankDied_IsEnded_AndReportedWithItsShepherdsUsage()
    {
        var part = Abandon(7, 0, 3, "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; sleep 60 & wait");
        await PollAsync(() => File.Exists(Record(7, 0, 3) + ShepherdRecord.StartSuffix) && TaskProcess.ProcessesInGroup(part.ProcessGroup).Count >= 2,
            "the part to start its sleep");

        var ending = _runner.EndLeftoverParts();
        await Assert.Single(ending).WaitAsync(Deadline);
        await Task.WhenAll(ending).WaitAsync(Deadline);
        var ended = await RunnerReports.NextAsync<TaskPartEnded>(_runner, Deadline);

        Assert.Equal((7L, 0, 3L, 128 + Signals.SigTerm), (ended.JobId, ended.TaskIndex, ended.PartId, ended.ExitStatus));
        Assert.StartsWith("ended: its rank on node2 died", ended.Reason, StringComparison.Ordinal);
        Assert.True(ended.CpuTime > TimeSpan.Zero && ended.PeakRssBytes > 0, $"the shepherd's usage is reported: {ended}");
        await PollAsync(() => TaskProcess.ProcessesInGroup(part.ProcessGroup).Count == 0, "nothing of the part to be left");
        Assert.Empty(Directory.EnumerateFiles(_spool.Root + ".parts"));
        Assert.Empty(_runner.EndLeftoverParts());
    }

    [Fact]
    public async Task EndLeftoverParts_PartThatEndedWhileNoRankRan_ReportsItsRecordedEndOnce()
    {
        var part = Abandon(8, 2, 5, "exit 4");
        Assert.NotNull(await part.Ended.WaitAsync(Deadline));

        await Task.WhenAll(_runner.EndLeftoverParts()).WaitAsync(Deadline);
        var ended = await RunnerReports.NextAsync<TaskPartEnded>(_runner, Deadline);

        Assert.Equal((8L, 2, 5L, 4, "ended while no rank ran on node2"), (ended.JobId, ended.TaskIndex, ended.PartId, ended.ExitStatus, ended.Reason));
        Assert.False(_runner.Reports.TryRead(out var more), $"a second report: {more}");
    }

    [Fact]
    public async Task EndLeftoverParts_ShepherdKilledBeforeAnyEnd_ReportsThePartLost_SoItsRshReturns()
    {
        var part = Abandon(9, 0, 1, "sleep 60");
        await PollAsync(() => File.Exists(Record(9, 0, 1) + ShepherdRecord.StartSuffix), "the part's shepherd to record its start");
        Assert.True(Signals.SendToProcess(part.ShepherdPid, Signals.SigKill));
        Assert.Null(await part.Ended.WaitAsync(Deadline));

        await Task.WhenAll(_runner.EndLeftoverParts()).WaitAsync(Deadline);
        var ended = await RunnerReports.NextAsync<TaskPartEnded>(_runner, Deadline);

        Assert.Equal((9L, TaskProcess.UnrecordedExitStatus), (ended.JobId, ended.ExitStatus));
        Assert.StartsWith("lost: its rank on node2 died", ended.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_TwoPartsEachUnderTheChunksMemoryButOverItTogether_AreEndedWithTheReason()
    {
        var job = RunnerJobs.Running(10, _dir.FullName, "#!/bin/sh\ntrue\n", resources: new ResourceRequest(Chunks: 2, MemoryBytesPerChunk: 64L << 20));
        _runner.StartPart(job, 0, new RemotePartOrder(1, Holds40MiB, _dir.FullName, new Dictionary<string, string>()));
        // The second holds it in a session of its own, as hydra_pmi_proxy starts an MPI rank: still the part's.
        var pidFile = Path.Combine(_dir.FullName, "own-session.pid");
        _runner.StartPart(job, 0, new RemotePartOrder(2, $"setsid sh -c 'echo $$ > {pidFile}; exec {Holds40MiB.Replace("'", "'\\''", StringComparison.Ordinal)}'; sleep 60",
            _dir.FullName, new Dictionary<string, string>()));

        var ends = new List<TaskPartEnded>();
        await PollAsync(() =>
        {
            _runner.Sample();
            while (_runner.Reports.TryRead(out var report))
            {
                if (report is TaskPartEnded e)
                {
                    ends.Add(e);
                }
            }

            return ends.Count == 2;
        }, "both parts to be ended for the job's memory on the node");

        Assert.All(ends, e => Assert.Matches(@"^memory \d+ MiB of the job's processes on this node exceeded limit 64 MiB", e.Reason));
        Assert.Equal(0, _runner.PartCount);
        var own = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        await PollAsync(() => !File.Exists($"/proc/{own}/stat") || File.ReadAllText($"/proc/{own}/stat").Contains(") Z ", StringComparison.Ordinal),
            "the part's process in a session of its own to be ended");
    }

    [Fact]
    public async Task Sample_OnePartUnderTheChunksMemory_RunsOn()
    {
        var job = RunnerJobs.Running(11, _dir.FullName, "#!/bin/sh\ntrue\n", resources: new ResourceRequest(MemoryBytesPerChunk: 128L << 20));
        _runner.StartPart(job, 0, new RemotePartOrder(1, Holds40MiB + "; exit 3", _dir.FullName, new Dictionary<string, string>()));
        var started = TimeProvider.System.GetTimestamp();

        // Sampled while it holds its memory (its RSS is read by the sampler meanwhile), and never ended for it.
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(2))
        {
            _runner.Sample();
            Assert.False(_runner.Reports.TryRead(out var report), $"ended under its limit: {report}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        Assert.Equal(1, _runner.PartCount);
        _runner.EndAllParts("test over");
        var ended = await RunnerReports.NextAsync<TaskPartEnded>(_runner, Deadline);
        Assert.Equal("test over", ended.Reason);
    }

    public void Dispose()
    {
        _runner.EndAllParts("test over");
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

    private string Record(long job, int task, long part) => Path.Combine(_spool.Root + ".parts", PartRecordName.Format(job, task, part));

    /// <summary>What a rank that died leaves of a part: its files and records in SPOOL/NODE.parts, and its shepherd holding it.</summary>
    private TaskProcess Abandon(long job, int task, long part, string command)
    {
        Directory.CreateDirectory(_spool.Root + ".parts");
        var record = Record(job, task, part);
        var launch = new TaskLaunch("/bin/sh", ["-c", command], _dir.FullName, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            record + ".out", record + ".err") { Record = record };
        var process = TaskProcess.Start(launch, TimeProvider.System);
        _abandoned.Add(process);
        return process;
    }

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
