using System.Net.Sockets;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli;

/// <summary>Turns whatever a verb threw into its exit code and the one line printed on stderr.</summary>
public static class ErrorReport
{
    public static (int ExitCode, string Line) From(string verb, Exception error) => error switch
    {
        CliFailureException f => (f.ExitCode, $"{verb}: {f.Message}"),
        ServerUnreachableException { OverTcp: true } u =>
            (ExitCodes.ServerUnreachable, $"{verb}: cannot reach the omb server at {u.SocketPath} over TCP ({OneLine(u.InnerException?.Message ?? "no answer")}): check the address given with --server or OMB_SERVER, and that the server listens there (Omb:Tcp:Listen)"),
        ServerUnreachableException u => (ExitCodes.ServerUnreachable, Unreachable(verb, u.SocketPath)),
        TokenRefusedException t =>
            (ExitCodes.Refused, $"{verb}: the omb server at {t.Address} refused the token of {Connection.TokenFile.DefaultPath()} (wrong, expired or revoked): run 'omb token' on the server's host for a new one, and copy the file here with mode 0600"),
        ApiException a => (ExitCodeOf(a.Error.Kind), $"{verb}: {a.Error.Message}"),
        HttpRequestException or SocketException or TaskCanceledException =>
            (ExitCodes.ServerUnreachable, $"{verb}: the omb server did not answer ({OneLine(error.Message)}): check it is running, or restart it with './omb server'"),
        IOException or UnauthorizedAccessException =>
            (ExitCodes.BadUsage, $"{verb}: {OneLine(error.Message)}: check the path and its permissions"),
        _ => (ExitCodes.BadUsage, $"{verb}: unexpected {error.GetType().Name}: {OneLine(error.Message)}: please report this with the command you ran"),
    };

    /// <summary>Refused is the user's to fix (exit 1), bad input is the request's (exit 2), unavailable is the server's (exit 3).</summary>
    public static int ExitCodeOf(ApiErrorKind kind) => kind switch
    {
        ApiErrorKind.Refused => ExitCodes.Refused,
        ApiErrorKind.BadInput => ExitCodes.BadUsage,
        _ => ExitCodes.ServerUnreachable,
    };

    /// <summary>The socket's inner error reads "Cannot assign requested address" when the file is missing; say what is really wrong.</summary>
    private static string Unreachable(string verb, string socketPath)
    {
        var why = File.Exists(socketPath) ? "no answer on its socket" : "its socket does not exist";
        return $"{verb}: cannot reach the omb server at {socketPath} ({why}): start it with './omb server', or set {OmbHome.EnvironmentVariable} to the server's directory";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
