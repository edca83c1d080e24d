namespace OpenMosixBatch.Cli;

/// <summary>
/// The exit codes of every omb verb (DESIGN §8), so that scripts can tell a refusal from a typo from a dead server.
/// </summary>
public static class ExitCodes
{
    /// <summary>The request was done.</summary>
    public const int Success = 0;

    /// <summary>The server refused the request: unknown job, another user's job, a state that forbids it; or a local refusal (a file omb will not overwrite).</summary>
    public const int Refused = 1;

    /// <summary>Bad usage or bad input: unknown option, malformed value, unreadable or binary script, empty command, a request the server calls bad input.</summary>
    public const int BadUsage = 2;

    /// <summary>No server answers (or it could not serve the request): start it with './omb server'.</summary>
    public const int ServerUnreachable = 3;

    /// <summary>Stopped by Ctrl-C (SIGINT) or SIGTERM after cleaning up (omb calibrate deletes its jobs first): 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
