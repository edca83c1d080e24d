namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// Absolute paths of the programs that start a task. They are never looked up through a PATH: the launcher runs as
/// root, and the task's PATH is the job's to choose.
/// </summary>
/// <param name="TaskExec">
/// omb-launch, which makes the task's session, switches to its user, reads the job's environment from a pipe and
/// execs the shell; null when it is missing (no task starts).
/// </param>
/// <param name="Shell">The POSIX shell that opens the output files and execs the task.</param>
public sealed record LaunchTools(string? TaskExec, string Shell)
{
    /// <summary>The launcher's name: the node runs the omb-launch published beside it (both are in artifacts/omb).</summary>
    public const string TaskExecName = "omb-launch";

    public static LaunchTools System { get; } = new(Beside(TaskExecName), "/bin/sh");

    /// <summary>Where the node looks for omb-launch: beside its own program.</summary>
    public static string TaskExecPath => Path.Combine(AppContext.BaseDirectory, TaskExecName);

    private static string? Beside(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        return File.Exists(path) ? path : null;
    }
}
