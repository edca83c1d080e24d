namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// Absolute paths of the programs that start a task. They are looked up in the system's directories, never through
/// a PATH, because the helpers before the identity switch run as root and the task's PATH is the job's to choose.
/// </summary>
/// <param name="Setsid">util-linux setsid.</param>
/// <param name="Setpriv">util-linux setpriv, or null when it is not installed (a root node then refuses to start tasks).</param>
/// <param name="Env">coreutils env, which sets the job's environment after the switch.</param>
/// <param name="Shell">The POSIX shell that opens the output files and execs the task.</param>
public sealed record LaunchTools(string Setsid, string? Setpriv, string Env, string Shell)
{
    private static readonly string[] SystemDirectories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

    public static LaunchTools System { get; } = new(Find("setsid") ?? "/usr/bin/setsid", Find("setpriv"), Find("env") ?? "/usr/bin/env", "/bin/sh");

    private static string? Find(string name) =>
        SystemDirectories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
