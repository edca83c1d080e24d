using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Remote;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>omb rsh NODE COMMAND [ARGS]</c> (also invoked as <c>pbs_tmrsh</c>, PBS's name, which launchers are pointed at):
/// starts COMMAND as a part of the calling job on NODE, relays its stdout and stderr, and exits with its exit status,
/// as ssh would. Only from inside a running job, and only towards its own nodes.
/// </summary>
public static class RshCommand
{
    public const string Verb = "rsh";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(connect);
        var (node, command, usage) = RemoteShellArguments.Parse(args);
        // ssh -n: stdin from /dev/null, nothing relayed.
        var noStdin = args.TakeWhile(a => a != node).Contains("-n");
        if (usage is not null)
        {
            throw CliFailureException.Usage(usage);
        }

        var job = JobContext.Require();
        using var client = connect();
        var request = new RemotePartRequest(job.JobId, job.TaskIndex, job.Cookie, node!, command, Environment.CurrentDirectory, JobContext.Environment());
        using var inputs = new PartInputs(connect());
        using var stdin = noStdin ? null : console.OpenStdin();
        var (status, reason) = await RemotePartRun.RunAsync(client, request, (bytes, stdout) => PartOutput.WriteAsync(console, bytes, stdout), ct, inputs, stdin)
            .ConfigureAwait(false);
        if (reason is not null)
        {
            await console.Error.WriteLineAsync($"omb rsh: {node}: {reason}").ConfigureAwait(false);
        }

        return status;
    }
}
