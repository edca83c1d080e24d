using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>omb migrate JOBID NODE</c> (openMosix's <c>migrate PID NODE</c>) and <c>omb node expel NODE…</c> (its
/// <c>mosctl expel</c>: pbsnodes -o with the comment "expelled", so the node's migratable tasks move away).
/// </summary>
public static class MigrateCommand
{
    public const string Verb = "migrate";

    /// <summary>The comment pbsnodes shows on an expelled node.</summary>
    public const string ExpelComment = "expelled";

    public static async Task<int> MigrateAsync(IReadOnlyList<string> args, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args is not [var id, var node] || id.StartsWith('-') || node.StartsWith('-'))
        {
            throw CliFailureException.Usage("omb migrate takes a job id and a node: omb migrate 42 node2 (an array element as 42[3])");
        }

        using var client = connect();
        var response = await client.MigrateAsync(new MigrateRequest(id, node), ct).ConfigureAwait(false);
        if (response.Results.FirstOrDefault(r => !r.Ok) is { } refused)
        {
            throw new ApiException(new ApiError(refused.ErrorKind ?? ApiErrorKind.Refused, refused.Error ?? $"migration of {id} refused"));
        }

        await console.Out.WriteLineAsync($"{id}: moving to {node} (qstat shows M until it runs there)").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    public static async Task<int> ExpelAsync(IReadOnlyList<string> nodes, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(console);
        if (nodes.Count == 0 || nodes.Any(n => n.StartsWith('-')))
        {
            throw CliFailureException.Usage("omb node expel takes node names: omb node expel node1 (bring it back with pbsnodes -c node1)");
        }

        using var client = connect();
        var response = await client.ActOnNodesAsync(new NodeActionRequest(NodeAction.Offline, nodes, ExpelComment), ct).ConfigureAwait(false);
        foreach (var view in response.Nodes)
        {
            await console.Out.WriteLineAsync($"{view.Node.Name}: expelled; its migratable tasks move away (pbsnodes -c {view.Node.Name} brings it back)").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
