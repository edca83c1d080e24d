using System.Globalization;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// The command that starts a task: <c>omb-shepherd --record BASE [--as UID:GID:USER --groups GID,…] --umask UMASK
/// --dir DIR --out OUT --err ERR -- PROGRAM ARGS…</c>, with the job's environment on its stdin. Pure, so that the
/// absence of any shell text and of any environment value in argv is tested without starting anything.
/// </summary>
/// <remarks>
/// Every job-supplied path, name and argument is one argv element, and no shell runs at all: omb-shepherd (C, one
/// small process per task) makes the task's session, switches to the user, and only then sets the umask, enters the
/// directory and opens the output files, so the kernel checks them with the user's rights, and execs the program. The
/// job's environment is never an argument: argv is public (/proc/PID/cmdline), so it goes as an
/// <see cref="EnvironmentBlock"/> on stdin, and the shepherd, which runs as the rank's user (root on a cluster), keeps
/// it as data until the execve in the switched process: a job's LD_PRELOAD never reaches a root process. The
/// shepherd stays, waits for the job and records its end beside the spool. Nothing it prints before the task's files
/// are open is the task's output: the runner reads it as the reason a start failed.
/// </remarks>
public static class LaunchCommand
{
    /// <summary>The program and the arguments that start <paramref name="launch"/>, and the environment to write to its stdin.</summary>
    public static (string Program, List<string> Arguments, byte[] Environment) Build(TaskLaunch launch, LaunchTools tools)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(tools);
        var shepherd = tools.Shepherd ?? throw new InvalidOperationException(
            $"omb-shepherd, which starts the tasks, is not beside omb-node ({LaunchTools.ShepherdPath}): build it there (./omb does)");
        var args = new List<string> { "--record", launch.Record };
        if (launch.RunAs is { SwitchUser: true } user)
        {
            var groups = launch.Groups.Count > 0 ? launch.Groups : [user.Gid];
            args.AddRange([TaskIdentity.Option, new TaskIdentity(user.Uid, user.Gid, user.UserName).ToArgument(),
                "--groups", string.Join(',', groups.Select(g => g.ToString(CultureInfo.InvariantCulture)))]);
        }

        var directory = Path.IsPathRooted(launch.WorkingDirectory) ? launch.WorkingDirectory : "/" + launch.WorkingDirectory;
        var umask = Convert.ToString((int)launch.Umask & 0x1ff, 8).PadLeft(4, '0');
        args.AddRange(["--umask", umask, "--dir", directory, "--out", launch.OutputPath, "--err", launch.ErrorPath]);
        if (launch.InputPath is { } input)
        {
            args.AddRange([launch.Terminal ? "--pty" : "--in", input]);
        }

        args.AddRange(["--", launch.Executable]);
        args.AddRange(launch.Arguments);
        return (shepherd, args, EnvironmentBlock.Encode(launch.Environment));
    }
}
