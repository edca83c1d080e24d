namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// Absolute paths of the programs that start a task. They are looked up in the system's directories, never through
/// a PATH, because the helpers before the identity switch run as root and the task's PATH is the job's to choose.
/// </summary>
/// <param name="Setsid">util-linux setsid.</param>
/// <param name="Setpriv">util-linux setpriv, or null when it is not installed (a root node then refuses to start tasks).</param>
/// <param name="TaskExec">
/// omb, whose <c>exec-task</c> reads the job's environment from a pipe after the switch and execs the shell; null when it
/// is missing (no task starts).
/// </param>
/// <param name="Shell">The POSIX shell that opens the output files and execs the task.</param>
public sealed record LaunchTools(string Setsid, string? Setpriv, string? TaskExec, string Shell)
{
    /// <summary>The CLI's name: the node runs the omb published beside it (both are in artifacts/omb).</summary>
    public const string TaskExecName = "omb";

    /// <summary>omb's hidden verb that execs a task with the environment it reads from stdin.</summary>
    public const string TaskExecVerb = "exec-task";

    private static readonly string[] SystemDirectories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

    public static LaunchTools System { get; } = new(Find("setsid") ?? "/usr/bin/setsid", Find("setpriv"), Beside(TaskExecName), "/bin/sh");

    /// <summary>Where the node looks for omb: beside its own program.</summary>
    public static string TaskExecPath => Path.Combine(AppContext.BaseDirectory, TaskExecName);

    private static string? Find(string name) =>
        SystemDirectories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string? Beside(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        return File.Exists(path) ? path : null;
    }
}
