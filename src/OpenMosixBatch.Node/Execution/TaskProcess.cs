using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// A task running as a real process in its own session and process group, so that a signal to the group reaches
/// everything the task started (PBS's kill of the job's process tree).
/// </summary>
/// <remarks>
/// The task is started through <c>omb-launch</c>, which makes itself a session and group leader (the child of a
/// non-leader can), so the PID we hold is also the group id; it then execs sh, which execs the task, so it stays the
/// task's PID. <see cref="LaunchCommand"/> builds that chain without any shell text made from job data, and without
/// the job's environment, which is written to the chain's stdin.
/// A process that starts its own session escapes the group; only cgroups would catch that.
/// </remarks>
public sealed class TaskProcess : IDisposable
{
    // What the launch chain says on stderr before the task's own stderr is open: a start failure's reason, kept short.
    private const int LaunchErrorLimit = 2048;

    private readonly Process _process;

    private TaskProcess(Process process, DateTimeOffset started)
    {
        _process = process;
        // Kept as a number: the runner samples and signals a task from other threads while its exit path disposes the
        // Process, whose Id then throws (that crashed a rank under load).
        Pid = process.Id;
        StartTime = started;
        LaunchErrors = ReadLaunchErrorsAsync(process.StandardError);
        _ = DrainAsync(process.StandardOutput.BaseStream);
        Exited = WaitAsync();
    }

    public int Pid { get; }

    /// <summary>The process group of the task (equal to <see cref="Pid"/>).</summary>
    public int ProcessGroup => Pid;

    public DateTimeOffset StartTime { get; }

    /// <summary>
    /// The end of what omb-launch or the wrapper printed before the task's stderr was redirected (empty on
    /// a good start): completes when the redirection closes the pipe or the process exits.
    /// </summary>
    public Task<string> LaunchErrors { get; }

    /// <summary>Completes with the exit status: the exit code, or 128 + signal number when a signal ended it.</summary>
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
            // Never the rank's own: its stdout and stderr go to mpiexec, world.log and the server's log, and the chain
            // runs the user's code (the loader, with the job's LD_DEBUG) before the task's files are open.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        InheritedDescriptors.CloseOnExecAll();
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + launch.Executable);
        _ = WriteEnvironmentAsync(process.StandardInput, environment);
        return new TaskProcess(process, time.GetUtcNow());
    }

    /// <summary>Sends a signal to the whole group (e.g. the checkpoint signal); false once the task was reaped.</summary>
    public bool Signal(int signal) => !Exited.IsCompleted && Signals.SendToGroup(ProcessGroup, signal);

    /// <summary>
    /// Sends a signal to the task's main process only; false once it was reaped, since its PID may then name another
    /// process.
    /// </summary>
    public bool SignalMain(int signal) => !Exited.IsCompleted && Signals.SendToProcess(Pid, signal);

    /// <summary>SIGTERM to the group, then SIGKILL after <paramref name="grace"/> if anything of it is left.</summary>
    public async Task KillGroupAsync(TimeSpan grace, TimeProvider time, CancellationToken ct = default)
    {
        Signals.SendToGroup(ProcessGroup, Signals.SigTerm);
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

    public void Dispose() => _process.Dispose();

    /// <summary>
    /// Hands the job's environment to omb-launch and closes its stdin (the task's stdin is then at its end, empty).
    /// Written in the background: a block larger than the pipe must not hold up the rank while the chain starts.
    /// </summary>
    private static async Task WriteEnvironmentAsync(StreamWriter input, byte[] environment)
    {
        try
        {
            await input.BaseStream.WriteAsync(environment).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The chain ended before reading it (it could not start): its own error is the reason.
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

    /// <summary>Reads what the chain writes on stdout before the task's own file is open, and drops it.</summary>
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

    private async Task<int> WaitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }
}
