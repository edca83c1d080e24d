using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>pbsnodes -a / -l / -o NODE / -c NODE.</summary>
public static class PbsnodesCommand
{
    public static async Task<int> RunAsync(PbsnodesOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = options.Nodes.ToList();
        if (options.Offline && options.Clear)
        {
            throw CliFailureException.Usage("-o and -c cannot be combined: take nodes offline with -o NODE, bring them back with -c NODE");
        }

        if ((options.Offline || options.Clear) && names.Count == 0)
        {
            throw CliFailureException.Usage($"{(options.Offline ? "-o" : "-c")} needs node names, e.g. pbsnodes {(options.Offline ? "-o" : "-c")} node1");
        }

        if (options.Comment is not null && !options.Offline)
        {
            throw CliFailureException.Usage("-C COMMENT goes with -o: pbsnodes -o node1 -C 'bad disk'");
        }

        using var client = connect();
        IReadOnlyList<NodeView> nodes;
        if (options.Offline || options.Clear)
        {
            var response = await client.ActOnNodesAsync(new NodeActionRequest(options.Offline ? NodeAction.Offline : NodeAction.Clear, names, options.Comment), ct).ConfigureAwait(false);
            nodes = response.Nodes;
        }
        else
        {
            var all = (await client.ListNodesAsync(ct).ConfigureAwait(false)).Nodes;
            if (names.FirstOrDefault(n => all.All(v => v.Node.Name != n)) is { } unknown)
            {
                throw new ApiException(new ApiError(ApiErrorKind.Refused, $"unknown node '{unknown}': see pbsnodes -a"));
            }

            nodes = names.Count > 0 ? [.. all.Where(v => names.Contains(v.Node.Name))] : all;
        }

        if (options.ListUnavailable)
        {
            nodes = [.. nodes.Where(v => v.Node.State is NodeState.Down or NodeState.Offline)];
        }

        await console.Out.WriteAsync(options.Json
            ? JsonSerializer.Serialize(new NodeListResponse(nodes), OmbJsonContext.Default.NodeListResponse) + "\n"
            : options.ListUnavailable ? PbsnodesFormatter.FormatList(nodes) : PbsnodesFormatter.Format(nodes)).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
