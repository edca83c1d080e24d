using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// A task running as a real process in its own session and process group, so that a signal to the group reaches
/// everything the task started (PBS's kill of the job's process tree), held by its omb-shepherd.
/// </summary>
/// <remarks>
/// The shepherd (see <see cref="LaunchCommand"/>) is the rank's child and sits in a session of its own, outside the
/// job's group: no signal meant for the job reaches it, and it outlives the rank. It prints the job's PID (the job's
/// process group and session too) once the job has exec'd, waits for it, and writes the end to
/// <see cref="TaskLaunch.Record"/>; the rank learns that the end is there when the shepherd exits, and reads it.
/// A shepherd gone without a record (killed) leaves the task's end unknown: <see cref="Ended"/> is then null.
/// A process that starts its own session escapes the group; only cgroups would catch that.
/// </remarks>
public sealed class TaskProcess : IDisposable
{
    /// <summary>The status reported for a task whose end was not recorded (as if killed: 128 + SIGKILL).</summary>
    public const int UnrecordedExitStatus = NodeTaskMachine.UnrecordedExitStatus;

    // What the launch printed on stderr before the task's own stderr is open: a start failure's reason, kept short.
    private const int LaunchErrorLimit = 2048;

    private readonly Process? _shepherd;

    private TaskProcess(Process? shepherd, int shepherdPid, int jobPid, Task<string> launchErrors, DateTimeOffset started, Task<TaskEnd?> ended)
    {
        _shepherd = shepherd;
        // Kept as numbers: the runner samples and signals a task from other threads while its exit path disposes the
        // Process, whose Id then throws (that crashed a rank under load).
        Pid = jobPid;
        ShepherdPid = shepherdPid;
        StartTime = started;
        LaunchErrors = launchErrors;
        Ended = ended;
        Exited = StatusAsync(Ended);
    }

    /// <summary>The job's PID (its session and process group leader).</summary>
    public int Pid { get; }

    /// <summary>The process group of the task (equal to <see cref="Pid"/>).</summary>
    public int ProcessGroup => Pid;

    /// <summary>The shepherd that holds the task.</summary>
    public int ShepherdPid { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>
    /// The end of what the shepherd or the job's side of its launch printed before the task's stderr was redirected
    /// (empty on a good start): completes when the last of them closes the pipe.
    /// </summary>
    public Task<string> LaunchErrors { get; }

    /// <summary>Completes when the shepherd has ended: with the recorded end, or null when it left none.</summary>
    public Task<TaskEnd?> Ended { get; }

    /// <summary>
    /// Completes with the exit status: the exit code, or 128 + signal number when a signal ended it
    /// (<see cref="UnrecordedExitStatus"/> when the end was not recorded).
    /// </summary>
    public Task<int> Exited { get; }

    public static TaskProcess Start(TaskLaunch launch, TimeProvider time) => Start(launch, LaunchTools.System, time);

    public static TaskProcess Start(TaskLaunch launch, LaunchTools tools, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(time);
        var (program, arguments, environment) = LaunchCommand.Build(launch, tools);
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            WorkingDirectory = "/",
            RedirectStandardInput = true,
            // Never the rank's own: its stdout and stderr go to mpiexec, world.log and the server's log, and the
            // job's side runs the user's code (the loader, with the job's LD_DEBUG) before the task's files are open.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        // A leftover of an earlier run of this task must not pass for this run's end.
        File.Delete(launch.Record + ShepherdRecord.EndSuffix);
        InheritedDescriptors.CloseOnExecAll();
        var shepherd = Process.Start(info) ?? throw new InvalidOperationException("could not start " + program);
        var launchErrors = ReadLaunchErrorsAsync(shepherd.StandardError);
        _ = WriteEnvironmentAsync(shepherd.StandardInput, environment);
        // One short line, printed as soon as the job leads its own session: before the job's side does anything that
        // could block on the user's files, so this never waits on them.
        var line = shepherd.StandardOutput.ReadLine();
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var jobPid) || jobPid <= 1)
        {
            shepherd.WaitForExit();
            var printed = launchErrors.Wait(TimeSpan.FromSeconds(5)) ? launchErrors.Result : "";
            shepherd.Dispose();
            throw new InvalidOperationException("omb-shepherd did not start the task: " + (StartFailure.Reason(printed) ?? "it printed no PID"));
        }

        _ = DrainAsync(shepherd.StandardOutput.BaseStream);
        return new TaskProcess(shepherd, shepherd.Id, jobPid, launchErrors, time.GetUtcNow(), WaitAsync(launch.Record, () => shepherd.WaitForExitAsync()));
    }

    /// <summary>
    /// Starts the task through the node's long-lived launcher (<see cref="NodeLauncher"/>) instead of a shepherd of its
    /// own: the same launch, with no process start but the job's.
    /// </summary>
    public static TaskProcess Start(TaskLaunch launch, NodeLauncher launcher, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(launcher);
        ArgumentNullException.ThrowIfNull(time);
        var (_, arguments, environment) = LaunchCommand.Build(launch, LaunchTools.System);
        File.Delete(launch.Record + ShepherdRecord.EndSuffix);
        var (jobPid, launcherPid, ended) = launcher.Start(arguments, environment);
        return new TaskProcess(null, launcherPid, jobPid, ErrorsOf(ended), time.GetUtcNow(), EndOf(launch.Record, ended));

        static async Task<string> ErrorsOf(Task<LauncherEnd> ended) => (await ended.ConfigureAwait(false)).LaunchErrors;

        // The launcher's message, or (it ended first) the record it may have written before.
        static async Task<TaskEnd?> EndOf(string record, Task<LauncherEnd> ended) =>
            (await ended.ConfigureAwait(false)).Record is { } text ? ShepherdRecord.ParseEnd(text) : await WaitAsync(record, () => Task.CompletedTask).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes over a task that an earlier rank of this node started: its shepherd is not this process's child, so its
    /// end is found by looking at it (by PID and start time, so a reused PID is never taken for it) and at its end
    /// record, every <paramref name="poll"/>, from when <paramref name="watchFrom"/> completes.
    /// </summary>
    /// <param name="shepherd">The shepherd's start record.</param>
    /// <param name="record">The records' base path (see <see cref="TaskLaunch.Record"/>).</param>
    /// <param name="started">When the task started (its walltime counts from then).</param>
    /// <param name="watchFrom">
    /// The world has seen the task in this rank's load: until then even a task that already ended is held, so the
    /// server never hears its end before it knows the new world runs it.
    /// </param>
    /// <param name="readStat">Reads /proc/PID/stat.</param>
    /// <param name="poll">How often to look.</param>
    /// <param name="time">The clock.</param>
    public static TaskProcess Adopt(ShepherdStart shepherd, string record, DateTimeOffset started, Task watchFrom,
        Func<int, ProcStatReading> readStat, TimeSpan poll, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(readStat);
        async Task WatchAsync()
        {
            await watchFrom.ConfigureAwait(false);
            while (true)
            {
                // The shepherd first, then its record: it writes the record before it exits (see ShepherdAdoption).
                var liveness = ProcessLivenessRules.Judge(readStat(shepherd.ShepherdPid), shepherd.ShepherdStartTicks);
                if (ShepherdAdoption.WatchIsOver(File.Exists(record + ShepherdRecord.EndSuffix), liveness))
                {
                    return;
                }

                await Task.Delay(poll, time).ConfigureAwait(false);
            }
        }

        return new TaskProcess(null, shepherd.ShepherdPid, shepherd.JobPid, Task.FromResult(""), started, WaitAsync(record, WatchAsync));
    }

    /// <summary>Sends a signal to the whole group (e.g. the checkpoint signal); false once the task was reaped.</summary>
    public bool Signal(int signal) => !Exited.IsCompleted && Signals.SendToGroup(ProcessGroup, signal);

    /// <summary>
    /// Sends a signal to the task's main process only; false once it was reaped, since its PID may then name another
    /// process.
    /// </summary>
    public bool SignalMain(int signal) => !Exited.IsCompleted && Signals.SendToProcess(Pid, signal);

    /// <summary>SIGTERM (and SIGCONT) to the group, then SIGKILL after <paramref name="grace"/> if anything of it is left.</summary>
    public async Task KillGroupAsync(TimeSpan grace, TimeProvider time, CancellationToken ct = default)
    {
        Signals.SendToGroup(ProcessGroup, Signals.SigTerm);

        // A suspended task (qsig -s suspend) handles its SIGTERM only once continued.
        Signals.SendToGroup(ProcessGroup, Signals.SigCont);
        var waited = Task.Delay(grace, time, ct);
        await Task.WhenAny(Exited, waited).ConfigureAwait(false);
        if (GroupAlive())
        {
            Signals.SendToGroup(ProcessGroup, Signals.SigKill);
        }

        await Exited.ConfigureAwait(false);
    }

    /// <summary>True while any process of the task's group still exists (the leader may be gone before its children).</summary>
    public bool GroupAlive() => ProcessesInGroup(ProcessGroup).Count > 0;

    /// <summary>PIDs whose process group is <paramref name="group"/>, read from /proc.</summary>
    public static List<int> ProcessesInGroup(int group)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = ProcessStatParser.Parse(File.ReadAllText(Path.Combine(dir, "stat")));
                if (stat.IsLive && stat.ProcessGroup == group)
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process exited while we looked.
            }
        }

        return found;
    }

    public void Dispose() => _shepherd?.Dispose();

    /// <summary>
    /// Hands the job's environment to the shepherd and closes its stdin. Written in the background: a block larger
    /// than the pipe must not hold up the rank while the shepherd reads it.
    /// </summary>
    private static async Task WriteEnvironmentAsync(StreamWriter input, byte[] environment)
    {
        try
        {
            await input.BaseStream.WriteAsync(environment).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The shepherd ended before reading it (bad usage): its own error is the reason.
        }
        finally
        {
            try
            {
                input.Close();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // Already broken or disposed with the ended task: nothing to close cleanly.
            }
        }
    }

    private static async Task<string> ReadLaunchErrorsAsync(StreamReader errors)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await errors.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            // Drained to the end either way, so a chatty launch never blocks on a full pipe; the tail is kept.
            text.Append(buffer, 0, read);
            if (text.Length > 2 * LaunchErrorLimit)
            {
                text.Remove(0, text.Length - LaunchErrorLimit);
            }
        }

        return text.Length > LaunchErrorLimit ? text.ToString(text.Length - LaunchErrorLimit, LaunchErrorLimit) : text.ToString();
    }

    /// <summary>Reads what is left on the shepherd's stdout after the PID (nothing, until it closes it), and drops it.</summary>
    private static async Task DrainAsync(Stream output)
    {
        var buffer = new byte[4096];
        try
        {
            while (await output.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke with the process, or was disposed with it: nothing more to drop.
        }
    }

    private static async Task<int> StatusAsync(Task<TaskEnd?> ended) => (await ended.ConfigureAwait(false))?.ExitStatus ?? UnrecordedExitStatus;

    /// <summary>The shepherd's exit says the record is complete (it renames it into place before it exits).</summary>
    private static async Task<TaskEnd?> WaitAsync(string record, Func<Task> shepherdEnded)
    {
        await shepherdEnded().ConfigureAwait(false);
        try
        {
            return ShepherdRecord.ParseEnd(await File.ReadAllTextAsync(record + ShepherdRecord.EndSuffix).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
