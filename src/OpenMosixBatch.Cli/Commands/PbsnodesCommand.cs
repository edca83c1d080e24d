using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>pbsnodes -a: every node with its state, usage and tasks.</summary>
public static class PbsnodesCommand
{
    public static async Task<int> RunAsync(PbsnodesOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        using var client = connect();
        var nodes = await client.ListNodesAsync(ct).ConfigureAwait(false);
        await console.Out.WriteAsync(options.Json
            ? JsonSerializer.Serialize(nodes, OmbJsonContext.Default.NodeListResponse) + "\n"
            : PbsnodesFormatter.Format(nodes.Nodes)).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
