using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// A task running as a real process in its own session and process group, so that a signal to the group reaches
/// everything the task started (PBS's kill of the job's process tree).
/// </summary>
/// <remarks>
/// The task is started through <c>setsid</c>, which makes it a session and group leader without forking (the child
/// of a non-leader), so the PID we hold is also the group id. Output redirection is done by <c>sh</c> with the paths
/// passed as positional parameters, never spliced into the command text, so no job-supplied string can inject a command.
/// A process that starts its own session escapes the group; only cgroups would catch that.
/// </remarks>
public sealed class TaskProcess : IDisposable
{
    private const string Redirect = "if [ \"$1\" = \"$2\" ]; then exec >\"$1\" 2>&1; else exec >\"$1\" 2>\"$2\"; fi; shift 2; exec \"$@\"";

    private readonly Process _process;

    private TaskProcess(Process process, DateTimeOffset started)
    {
        _process = process;
        StartTime = started;
        Exited = WaitAsync();
    }

    public int Pid => _process.Id;

    /// <summary>The process group of the task (equal to <see cref="Pid"/>).</summary>
    public int ProcessGroup => _process.Id;

    public DateTimeOffset StartTime { get; }

    /// <summary>Completes with the exit status: the exit code, or 128 + signal number when a signal ended it.</summary>
    public Task<int> Exited { get; }

    public static TaskProcess Start(TaskLaunch launch, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(time);
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardInput = true,
        };
        info.Environment.Clear();
        foreach (var (k, v) in launch.Environment)
        {
            info.Environment[k] = v;
        }

        foreach (var a in new[] { "/bin/sh", "-c", Redirect, "omb-task", launch.OutputPath, launch.ErrorPath, launch.Executable })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var a in launch.Arguments)
        {
            info.ArgumentList.Add(a);
        }

        InheritedDescriptors.CloseOnExecAll();
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + launch.Executable);
        process.StandardInput.Close();
        return new TaskProcess(process, time.GetUtcNow());
    }

    /// <summary>Sends a signal to the whole group (e.g. the checkpoint signal).</summary>
    public bool Signal(int signal) => Signals.SendToGroup(ProcessGroup, signal);

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

    private async Task<int> WaitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }
}
