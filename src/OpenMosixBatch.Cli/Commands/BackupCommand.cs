using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary><c>omb backup</c>: asks the server for a backup now; prints the new file alone on stdout, so <c>B=$(omb backup)</c> works.</summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(BackupOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        using var client = connect();
        var response = await client.BackupAsync(ct).ConfigureAwait(false);
        await console.Out.WriteLineAsync(options.Json ? JsonSerializer.Serialize(response, OmbJsonContext.Default.BackupResponse) : response.Path).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
