namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// The absolute path of the program that starts and holds each task. It is never looked up through a PATH: it runs as
/// root, and the task's PATH is the job's to choose.
/// </summary>
/// <param name="Shepherd">
/// omb-shepherd, which makes the task's session, switches to its user, opens its files, execs it with the environment
/// it reads from a pipe, waits for it and records its end; null when it is missing (no task starts).
/// </param>
public sealed record LaunchTools(string? Shepherd)
{
    /// <summary>The shepherd's name: the node runs the omb-shepherd built beside it (both are in artifacts/omb).</summary>
    public const string ShepherdName = "omb-shepherd";

    public static LaunchTools System { get; } = new(Beside(ShepherdName));

    /// <summary>Where the node looks for omb-shepherd: beside its own program.</summary>
    public static string ShepherdPath => Path.Combine(AppContext.BaseDirectory, ShepherdName);

    private static string? Beside(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        return File.Exists(path) ? path : null;
    }
}
