namespace OpenMosixBatch.Api.Client;

/// <summary>
/// Where a client and the server meet: <c>$OMB_HOME</c>, else <c>~/.omb</c>. The directory holds the server's
/// Unix socket and its LiteDB file.
/// </summary>
public static class OmbHome
{
    public const string EnvironmentVariable = "OMB_HOME";
    public const string SocketFileName = "omb.sock";
    public const string DatabaseFileName = "omb.db";

    public static string Resolve(string? configured = null)
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var home = !string.IsNullOrWhiteSpace(fromEnv) ? fromEnv
            : !string.IsNullOrWhiteSpace(configured) ? configured
            : "~/.omb";
        return Path.GetFullPath(ExpandTilde(home));
    }

    public static string SocketPath(string home) => Path.Combine(home, SocketFileName);

    public static string DatabasePath(string home) => Path.Combine(home, DatabaseFileName);

    private static string ExpandTilde(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "")
            : path;
}
