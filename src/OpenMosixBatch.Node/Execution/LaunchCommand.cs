using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// The exec chain that starts a task: <c>setsid [setpriv --reuid --regid --init-groups] omb exec-task -- sh -c WRAPPER
/// omb-task OUT ERR DIR PROGRAM ARGS…</c>, with the job's environment on the chain's stdin. Pure, so that the absence of
/// any shell text made from job data, and of any environment value in argv, is tested without starting anything.
/// </summary>
/// <remarks>
/// Every job-supplied path, name and argument is one argv element; the only shell text is the constant
/// <see cref="Wrapper"/>, which reads them as positional parameters. The job's environment is never an argument: argv
/// is public (/proc/PID/cmdline), so it goes as an <see cref="EnvironmentBlock"/> on stdin, which only omb exec-task
/// reads, after the switch. The launcher processes get no job environment: setsid and setpriv run as root, and a
/// job's LD_PRELOAD or LD_DEBUG_OUTPUT must not reach them. The wrapper runs as the user, so the working directory is
/// entered and the output files are opened with the user's rights: a path the user may not write is refused by the
/// kernel, symbolic links included. Nothing the chain prints before the wrapper's redirection is the task's output:
/// the runner reads it as the reason a start failed.
/// </remarks>
public static class LaunchCommand
{
    /// <summary>The wrapper: enter the directory, open stdout/stderr (one file when both paths are equal), exec the task.</summary>
    public const string Wrapper =
        "cd -- \"$3\" || exit 127; unset OLDPWD; if [ \"$1\" = \"$2\" ]; then exec >\"$1\" 2>&1; else exec >\"$1\" 2>\"$2\"; fi; shift 3; exec \"$@\"";

    /// <summary>The program and the arguments that start <paramref name="launch"/>, and the environment to write to its stdin.</summary>
    public static (string Program, List<string> Arguments, byte[] Environment) Build(TaskLaunch launch, LaunchTools tools)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(tools);
        var args = new List<string>();
        if (launch.RunAs is { SwitchUser: true } user)
        {
            var setpriv = tools.Setpriv ?? throw new InvalidOperationException("setpriv is not installed on this node, so it cannot run tasks as their users: install util-linux");
            args.AddRange([setpriv, $"--reuid={user.Uid}", $"--regid={user.Gid}", "--init-groups", "--"]);
        }

        var exec = tools.TaskExec ?? throw new InvalidOperationException(
            $"omb, which starts the tasks, is not beside omb-node ({LaunchTools.TaskExecPath}): publish the CLI there (./omb does)");
        var directory = Path.IsPathRooted(launch.WorkingDirectory) ? launch.WorkingDirectory : "/" + launch.WorkingDirectory;
        args.AddRange([exec, LaunchTools.TaskExecVerb, "--", tools.Shell, "-c", Wrapper, "omb-task", launch.OutputPath, launch.ErrorPath, directory, launch.Executable]);
        args.AddRange(launch.Arguments);
        return (tools.Setsid, args, EnvironmentBlock.Encode(launch.Environment));
    }
}
