using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Connection;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>omb token [--revoke]</c>: asks the server, over its Unix socket (where the kernel vouches for the uid), for a
/// new token of the caller's own, and writes it to ~/.omb/token as the caller, mode 0600. The token is never printed.
/// </summary>
public static class TokenCommand
{
    public const string Verb = "token";

    public static async Task<int> RunAsync(TokenOptions options, CliConsole console, Func<OmbApiClient> connectSocket, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var path = TokenFile.DefaultPath();
        using var client = connectSocket();
        var response = await client.IssueTokenAsync(new TokenRequest(options.Revoke), ct).ConfigureAwait(false);
        if (options.Revoke)
        {
            File.Delete(path);
            await console.Out.WriteLineAsync($"token of {response.User} revoked; {path} deleted").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (response.Token is not { Length: > 0 } token)
        {
            throw CliFailureException.Refused("the server issued no token: retry, or ask an administrator to check the server's log");
        }

        TokenFile.Write(path, token);
        var until = response.Expires?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "revoked";
        await console.Out.WriteLineAsync($"token of {response.User} written to {path} (mode 0600), valid until {until}; any earlier token is void").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
