using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Node.Execution;

namespace OpenMosixBatch.Node.Tests.Execution;

/// <summary>Real processes: output files, exit status, signals to the whole group, no orphans left.</summary>
public sealed class TaskProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-task-");
    private readonly List<TaskProcess> _started = [];

    [Fact]
    public async Task Start_Script_WritesOutputWithItsEnvironmentAndExitCode()
    {
        var script = Script("echo \"job $PBS_JOBID in $(pwd)\"; echo oops >&2; exit 7");

        var task = Start(script, new Dictionary<string, string> { ["PBS_JOBID"] = "42", ["PATH"] = "/usr/bin:/bin" });
        var status = await task.Exited.WaitAsync(Deadline);

        Assert.Equal(7, status);
        Assert.Equal($"job 42 in {_dir.FullName}\n", await File.ReadAllTextAsync(Out));
        Assert.Equal("oops\n", await File.ReadAllTextAsync(Err));
    }

    [Fact]
    public async Task Start_TheTaskInheritsNoDescriptorOfItsRank_OnlyItsStandardStreams()
    {
        // Something the rank holds open without close-on-exec, as mpiexec's pipes and MPICH's sockets are.
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out, HandleInheritability.Inheritable);
        var script = Script("exec ls /proc/self/fd");

        var task = Start(script);
        await task.Exited.WaitAsync(Deadline);

        // ls's own listing of /proc/self/fd is 3.
        Assert.Equal("0\n1\n2\n3\n", await File.ReadAllTextAsync(Out));
    }

    [Fact]
    public async Task Start_GivesTheTaskItsUmask_BeforeItsOutputFilesAreOpened()
    {
        // The rank runs with umask 077; the task gets the one it is given (its rank's original), not the rank's.
        var script = Script("umask; touch made");
        var groupReadable = UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

        var task = Start(script, umask: groupReadable);
        await task.Exited.WaitAsync(Deadline);

        Assert.Equal("0027\n", await File.ReadAllTextAsync(Out));
        var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        Assert.Equal(readable, File.GetUnixFileMode(Out));
        Assert.Equal(readable, File.GetUnixFileMode(Path.Combine(_dir.FullName, "made")));
    }

    [Fact]
    public async Task Start_LargeEnvironment_ReachesTheTaskWhole()
    {
        // A megabyte, far more than a pipe holds: the rank writes it while the shepherd reads it, neither waits on the other.
        var env = Enumerable.Range(0, 10).ToDictionary(i => $"BIG{i}", i => new string((char)('a' + i), 100_000));
        env["PATH"] = "/usr/bin:/bin";
        var script = Script("printenv | grep -c '^BIG'; printf %s \"$BIG7\" | wc -c");

        var task = Start(script, env);

        Assert.Equal(0, await task.Exited.WaitAsync(Deadline));
        Assert.Equal("10\n100000\n", await File.ReadAllTextAsync(Out));
    }

    [Fact]
    public async Task Start_TheTaskStartsWithNoSignalIgnoredOrBlocked()
    {
        var script = Script("grep -E '^Sig(Ign|Blk):' /proc/self/status");

        var task = Start(script);
        await task.Exited.WaitAsync(Deadline);

        Assert.Equal("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n", await File.ReadAllTextAsync(Out));
    }

    [Fact]
    public async Task Start_TheJobsLoaderTrace_GoesToItsOwnFiles_NeverToTheRankNorItsLaunchErrors()
    {
        // The job's LD_DEBUG traces the job's own loader, which runs after its files are open: the shepherd never
        // runs with the job's environment.
        var env = new Dictionary<string, string> { ["LD_DEBUG"] = "libs", ["PATH"] = "/usr/bin:/bin" };

        var task = Start(Script("echo job"), env);
        await task.Exited.WaitAsync(Deadline);

        Assert.Equal("job\n", await File.ReadAllTextAsync(Out));
        Assert.Contains("find library", await File.ReadAllTextAsync(Err), StringComparison.Ordinal);
        Assert.Equal("", await task.LaunchErrors.WaitAsync(Deadline));
    }

    [Fact]
    public async Task LaunchErrors_MissingDirectory_SayWhichInOneLine_AndTheTaskEnds127()
    {
        var missing = Path.Combine(_dir.FullName, "no such directory");
        var launch = Launch(Script("echo job")) with { WorkingDirectory = missing };

        var task = TaskProcess.Start(launch, TimeProvider.System);
        _started.Add(task);
        var status = await task.Exited.WaitAsync(Deadline);
        var errors = await task.LaunchErrors.WaitAsync(Deadline);

        Assert.Equal(127, status);
        Assert.Equal($"omb-shepherd: cannot enter {missing}: No such file or directory", StartFailure.Reason(errors));
    }

    [Fact]
    public async Task Ended_IsTheShepherdsRecord_ExitStatusCpuTimeAndPeakMemoryOfTheWholeTree()
    {
        // The CPU is spent in a child the script waits for: counted through wait4 as the tree's.
        var task = Start(Script("sh -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done'; exit 3"));

        var end = await task.Ended.WaitAsync(Deadline);

        Assert.NotNull(end);
        Assert.Equal(3, end.ExitStatus);
        Assert.True(end.CpuTime > TimeSpan.Zero, $"cpu {end.CpuTime}");
        Assert.True(end.PeakRssBytes > 0, $"peak {end.PeakRssBytes}");
    }

    [Fact]
    public async Task Ended_ShepherdKilled_IsNull_SoTheTaskIsLost_WhileTheJobsGroupIsUntouched()
    {
        var task = Start(Script("exec sleep 60"));

        Assert.True(Signals.SendToProcess(task.ShepherdPid, Signals.SigKill));
        var end = await task.Ended.WaitAsync(Deadline);

        Assert.Null(end);
        Assert.Equal(TaskProcess.UnrecordedExitStatus, await task.Exited.WaitAsync(Deadline));
        Assert.True(task.GroupAlive(), "the shepherd is not in its job's group: its death is not the job's");
    }

    [Fact]
    public async Task Start_TheJobLeadsItsOwnSessionAndGroup_WithoutTheShepherd()
    {
        var task = Start(Script("exec sleep 60"));

        var job = ProcessStatParser.Parse(await File.ReadAllTextAsync($"/proc/{task.Pid}/stat"));
        var shepherd = ProcessStatParser.Parse(await File.ReadAllTextAsync($"/proc/{task.ShepherdPid}/stat"));

        Assert.Equal(task.Pid, job.ProcessGroup);
        Assert.NotEqual(task.Pid, shepherd.ProcessGroup);
        Assert.NotEqual(task.Pid, task.ShepherdPid);
    }

    [Fact]
    public async Task Start_SameOutputAndErrorPath_JoinsThem()
    {
        var script = Script("echo one; echo two >&2");

        var task = Start(script, errorPath: Out);
        await task.Exited.WaitAsync(Deadline);

        Assert.Equal("one\ntwo\n", await File.ReadAllTextAsync(Out));
    }

    [Fact]
    public async Task Start_HostilePaths_AreNeverInterpretedByTheShell()
    {
        var marker = Path.Combine(_dir.FullName, "pwned");
        var hostile = Path.Combine(_dir.FullName, "out$(touch pwned);\"'`touch pwned`");
        var script = Script("echo safe");

        var task = Start(script, outputPath: hostile);
        await task.Exited.WaitAsync(Deadline);

        Assert.False(File.Exists(marker), "a path was executed as shell code");
        Assert.Equal("safe\n", await File.ReadAllTextAsync(hostile));
    }

    [Fact]
    public async Task KillGroupAsync_TaskWithChildren_LeavesNoProcessOfTheGroup()
    {
        var script = Script("sleep 300 & sleep 300 & echo started; wait");
        var task = Start(script);
        await PollAsync(() => File.Exists(Out) && File.ReadAllText(Out).Contains("started", StringComparison.Ordinal));
        Assert.True(TaskProcess.ProcessesInGroup(task.ProcessGroup).Count >= 3, "the script and its two sleeps share the group");

        await task.KillGroupAsync(TimeSpan.FromSeconds(5), TimeProvider.System).WaitAsync(Deadline);

        Assert.Equal(128 + 15, await task.Exited);
        await PollAsync(() => !task.GroupAlive());
    }

    [Fact]
    public async Task KillGroupAsync_TaskIgnoringTerm_IsKilledAfterGrace()
    {
        var script = Script("trap '' TERM; echo started; while true; do sleep 1; done");
        var task = Start(script);
        await PollAsync(() => File.Exists(Out) && File.ReadAllText(Out).Contains("started", StringComparison.Ordinal));

        await task.KillGroupAsync(TimeSpan.FromMilliseconds(300), TimeProvider.System).WaitAsync(Deadline);

        Assert.Equal(128 + 9, await task.Exited);
        await PollAsync(() => !task.GroupAlive());
    }

    [Fact]
    public async Task Signal_Usr1_ReachesTheTasksTrap()
    {
        var script = Script("trap 'echo checkpointed; exit 85' USR1; echo started; while true; do sleep 0.1; done");
        var task = Start(script);
        await PollAsync(() => File.Exists(Out) && File.ReadAllText(Out).Contains("started", StringComparison.Ordinal));

        Assert.True(task.Signal(10));

        Assert.Equal(85, await task.Exited.WaitAsync(Deadline));
        Assert.Contains("checkpointed", await File.ReadAllTextAsync(Out), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PidAndProcessGroup_StayReadable_AfterTheExitPathDisposedTheProcess()
    {
        // The runner's tick samples its tasks from a snapshot while a task's exit path disposes its process: reading
        // the group then threw and crashed the rank (found by bench/soak.sh).
        var task = Start(Script("exit 0"));
        var pid = task.Pid;
        await task.Exited.WaitAsync(Deadline);

        task.Dispose();

        Assert.Equal(pid, task.ProcessGroup);
        Assert.False(task.GroupAlive());
        Assert.False(task.Signal(10), "a reaped task's PID may name another process: no signal goes to it");
        Assert.False(task.SignalMain(10));
    }

    public void Dispose()
    {
        foreach (var t in _started)
        {
            if (t.GroupAlive())
            {
                t.KillGroupAsync(TimeSpan.FromSeconds(1), TimeProvider.System).GetAwaiter().GetResult();
            }

            t.Dispose();
        }

        _dir.Delete(recursive: true);
    }

    private string Out => Path.Combine(_dir.FullName, "task.out");

    private string Err => Path.Combine(_dir.FullName, "task.err");

    private string Script(string body, string name = "job.sh")
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private TaskProcess Start(string script, Dictionary<string, string>? env = null, string? outputPath = null, string? errorPath = null, UnixFileMode? umask = null)
    {
        var launch = Launch(script) with
        {
            Environment = env ?? new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            OutputPath = outputPath ?? Out,
            ErrorPath = errorPath ?? Err,
            Umask = umask ?? RunAsSettings.CommonUmask,
        };
        var task = TaskProcess.Start(launch, TimeProvider.System);
        _started.Add(task);
        return task;
    }

    private TaskLaunch Launch(string script) =>
        new(script, [], _dir.FullName, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, Out, Err) { Record = Path.Combine(_dir.FullName, "record") };

    private static async Task PollAsync(Func<bool> condition)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(start) < Deadline, "condition not reached before the deadline");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }
}
