namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// The exec chain that starts a task: <c>setsid [setpriv --reuid --regid --init-groups] env -i NAME=VALUE… sh -c
/// WRAPPER omb-task OUT ERR DIR UMASK PROGRAM ARGS…</c>. Pure, so that the absence of any shell text made from job data is
/// tested without starting anything.
/// </summary>
/// <remarks>
/// Every job-supplied string (paths, names, environment, arguments) is one argv element; the only shell text is the
/// constant <see cref="Wrapper"/>, which reads them as positional parameters. The launcher process gets no job
/// environment: setsid and setpriv run as root, and a job's LD_PRELOAD or LD_DEBUG_OUTPUT must not reach them; the
/// job's environment is set by env after the switch. The wrapper runs as the user, so the working directory is
/// entered and the output files are opened with the user's rights: a path the user may not write is refused by the
/// kernel, symbolic links included. Nothing the wrapper prints before its redirection is the task's output: the
/// runner reads it as the reason a start failed.
/// </remarks>
public static class LaunchCommand
{
    /// <summary>
    /// The wrapper: set the task's umask (the rank's own is 077), enter the directory, open stdout/stderr (one file when
    /// both paths are equal), exec the task.
    /// </summary>
    public const string Wrapper =
        "umask \"$4\" && cd -- \"$3\" || exit 127; unset OLDPWD; if [ \"$1\" = \"$2\" ]; then exec >\"$1\" 2>&1; else exec >\"$1\" 2>\"$2\"; fi; shift 4; exec \"$@\"";

    /// <summary>The program and the arguments that start <paramref name="launch"/>.</summary>
    public static (string Program, List<string> Arguments) Build(TaskLaunch launch, LaunchTools tools)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(tools);
        var args = new List<string>();
        if (launch.RunAs is { SwitchUser: true } user)
        {
            var setpriv = tools.Setpriv ?? throw new InvalidOperationException("setpriv is not installed on this node, so it cannot run tasks as their users: install util-linux");
            args.AddRange([setpriv, $"--reuid={user.Uid}", $"--regid={user.Gid}", "--init-groups", "--"]);
        }

        args.AddRange([tools.Env, "-i", "--"]);
        foreach (var (name, value) in launch.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            // A name with '=' (or empty) cannot be an environment variable; env would read it as part of the value.
            if (name.Length > 0 && !name.Contains('=', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal))
            {
                args.Add(name + "=" + value);
            }
        }

        var directory = Path.IsPathRooted(launch.WorkingDirectory) ? launch.WorkingDirectory : "/" + launch.WorkingDirectory;
        var umask = Convert.ToString((int)launch.Umask & 0x1ff, 8).PadLeft(4, '0');
        args.AddRange([tools.Shell, "-c", Wrapper, "omb-task", launch.OutputPath, launch.ErrorPath, directory, umask, launch.Executable]);
        args.AddRange(launch.Arguments);
        return (tools.Setsid, args);
    }
}
