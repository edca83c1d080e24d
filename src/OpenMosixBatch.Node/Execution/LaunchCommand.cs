using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// The exec chain that starts a task: <c>omb-launch [--as UID:GID:USER] -- sh -c WRAPPER omb-task OUT ERR DIR UMASK
/// PROGRAM ARGS…</c>, with the job's environment on the chain's stdin. Pure, so that the absence of any shell text
/// made from job data, and of any environment value in argv, is tested without starting anything.
/// </summary>
/// <remarks>
/// Every job-supplied path, name and argument is one argv element; the only shell text is the constant
/// <see cref="Wrapper"/>, which reads them as positional parameters. The job's environment is never an argument: argv
/// is public (/proc/PID/cmdline), so it goes as an <see cref="EnvironmentBlock"/> on stdin. omb-launch starts as the
/// rank's user (root on a cluster) with no job environment, so a job's LD_PRELOAD never reaches a root process; it
/// makes itself a session leader, switches to the task's user and groups, and only then hands the block to execve.
/// One program of ours instead of setsid, setpriv and env: every exec costs milliseconds here, and omb-launch is run
/// by root only, so it need not be where users can reach it. The wrapper runs as the user, so the working directory
/// is entered and the output files are opened with the user's rights: a path the user may not write is refused by the
/// kernel, symbolic links included. Nothing the chain prints before the wrapper's redirection is the task's output:
/// the runner reads it as the reason a start failed.
/// </remarks>
public static class LaunchCommand
{
    /// <summary>
    /// The wrapper: set the task's umask (the rank's own is 077), enter the directory, open stdout/stderr (one file when
    /// both paths are equal), exec the task.
    /// </summary>
    public const string Wrapper =
        "umask \"$4\" && cd -- \"$3\" || exit 127; unset OLDPWD; if [ \"$1\" = \"$2\" ]; then exec >\"$1\" 2>&1; else exec >\"$1\" 2>\"$2\"; fi; shift 4; exec \"$@\"";

    /// <summary>The program and the arguments that start <paramref name="launch"/>, and the environment to write to its stdin.</summary>
    public static (string Program, List<string> Arguments, byte[] Environment) Build(TaskLaunch launch, LaunchTools tools)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(tools);
        var exec = tools.TaskExec ?? throw new InvalidOperationException(
            $"omb-launch, which starts the tasks, is not beside omb-node ({LaunchTools.TaskExecPath}): publish it there (./omb does)");
        var args = new List<string>();
        if (launch.RunAs is { SwitchUser: true } user)
        {
            args.AddRange([TaskIdentity.Option, new TaskIdentity(user.Uid, user.Gid, user.UserName).ToArgument()]);
        }

        var directory = Path.IsPathRooted(launch.WorkingDirectory) ? launch.WorkingDirectory : "/" + launch.WorkingDirectory;
        var umask = Convert.ToString((int)launch.Umask & 0x1ff, 8).PadLeft(4, '0');
        args.AddRange(["--", tools.Shell, "-c", Wrapper, "omb-task", launch.OutputPath, launch.ErrorPath, directory, umask, launch.Executable]);
        args.AddRange(launch.Arguments);
        return (exec, args, EnvironmentBlock.Encode(launch.Environment));
    }
}
