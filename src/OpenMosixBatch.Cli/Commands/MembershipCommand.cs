using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>omb node add NODE [--host HOST] [--cpus C] [--mem SIZE]</c>, <c>omb node remove NODE [--now]</c> and <c>omb node
/// reload</c> (administrators): prints one line per change; a refusal is one line on stderr and exit 1 (2 for bad input).
/// </summary>
public static class MembershipCommand
{
    public static readonly string[] Verbs = ["add", "remove", "reload"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var rest = args.Skip(1).ToList();
        MembershipRequest request;
        switch (args[0])
        {
            case "add":
                if (OptionParser.Parse<NodeAddOptions>("omb node add", rest, console.Out) is not { } add)
                {
                    return ExitCodes.Success;
                }

                request = new MembershipRequest(MembershipRequestKind.Add, One(add.Nodes, "omb node add node4 [--host HOST] [--cpus 4] [--mem 8gb]"), add.Host, add.Cpus, add.Memory);
                break;
            case "remove":
                if (OptionParser.Parse<NodeRemoveOptions>("omb node remove", rest, console.Out) is not { } remove)
                {
                    return ExitCodes.Success;
                }

                request = new MembershipRequest(MembershipRequestKind.Remove, One(remove.Nodes, "omb node remove node3 [--now]"), Now: remove.Now);
                break;
            default:
                if (rest.Count > 0)
                {
                    throw CliFailureException.Usage("omb node reload takes no arguments: it reads conf/cluster.json again");
                }

                request = new MembershipRequest(MembershipRequestKind.Reload);
                break;
        }

        using var client = connect();
        var response = await client.ChangeMembershipAsync(request, ct).ConfigureAwait(false);
        foreach (var line in response.Changes)
        {
            await console.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        if (response.Changes.Count == 0)
        {
            await console.Out.WriteLineAsync("no change: conf/cluster.json lists the nodes the cluster has").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static string One(IEnumerable<string> nodes, string usage)
    {
        var list = nodes.ToList();
        return list.Count == 1 ? list[0] : throw CliFailureException.Usage($"name one node: {usage}");
    }
}
