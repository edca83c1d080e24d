using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Remote;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>
/// <c>omb dsh [-u] COMMAND [ARGS]</c> (PBS's <c>pbsdsh</c>): runs COMMAND as a part of the calling job once per CPU the
/// job was given ($PBS_NODEFILE's lines), or once per node with <c>-u</c>, all at once, relays their output and waits
/// for all; the exit status is the highest of theirs.
/// </summary>
public static class DshCommand
{
    public const string Verb = "dsh";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        var unique = args.Count > 0 && args[0] == "-u";
        var command = args.Skip(unique ? 1 : 0).SkipWhile(a => a == "--").ToList();
        if (command.Count == 0 || command[0].StartsWith('-'))
        {
            throw CliFailureException.Usage("usage: omb dsh [-u] COMMAND [ARGS...] (once per CPU of the job, or once per node with -u)");
        }

        var job = JobContext.Require();
        var nodeFile = Environment.GetEnvironmentVariable("PBS_NODEFILE") is { Length: > 0 } named ? named
            : throw CliFailureException.Refused("PBS_NODEFILE is not set: run omb dsh from a job's script");

        var lines = (await File.ReadAllLinesAsync(nodeFile, ct).ConfigureAwait(false)).Where(l => l.Length > 0);
        var nodes = unique ? lines.Distinct(StringComparer.Ordinal).ToList() : lines.ToList();
        // pbsdsh runs the program with its arguments as given, not a shell line: each word is quoted for the node's sh -c.
        command = [.. command.Select(ShellQuote)];
        var env = JobContext.Environment();
        var cwd = Environment.CurrentDirectory;
        using var client = connect();
        var runs = nodes.Select(node => RemotePartRun.RunAsync(client, new RemotePartRequest(job.JobId, job.TaskIndex, job.Cookie, node, command, cwd, env),
            (bytes, stdout) => PartOutput.WriteAsync(console, bytes, stdout), ct)).ToList();
        var ends = await Task.WhenAll(runs).ConfigureAwait(false);
        for (var i = 0; i < ends.Length; i++)
        {
            if (ends[i].Reason is { } reason)
            {
                await console.Error.WriteLineAsync($"omb dsh: {nodes[i]}: {reason}").ConfigureAwait(false);
            }
        }

        return ends.Length == 0 ? ExitCodes.Success : ends.Max(e => e.ExitStatus);
    }

    /// <summary>The word as one word of a POSIX shell line.</summary>
    public static string ShellQuote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
