using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>qsub: read the script, map everything to a JobSpec, submit it, print the job id alone.</summary>
public static class QsubCommand
{
    public static async Task<int> RunAsync(
        QsubOptions options,
        QsubArguments arguments,
        CliConsole console,
        QsubContext context,
        Func<OmbApiClient> connect,
        CancellationToken ct)
    {
        if (options.Interactive)
        {
            return await QsubInteractive.RunAsync(options, arguments, console, context, connect, ct).ConfigureAwait(false);
        }

        var source = ReadSource(arguments, console, context);
        var spec = QsubRequestMapper.Map(options, source, context);
        return await SubmitAsync(spec, console, connect, ct).ConfigureAwait(false);
    }

    /// <summary>Submits the job and prints its id alone, once the server has stored it durably.</summary>
    public static async Task<int> SubmitAsync(JobSpec spec, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(connect);
        using var client = connect();
        var response = await client.SubmitAsync(new SubmitRequest(spec), ct).ConfigureAwait(false);
        await console.Out.WriteLineAsync(response.DisplayId).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <remarks>
    /// Read with blocking calls: on Linux a file's or the console's asynchronous read runs on a thread-pool thread, and
    /// starting that pool costs a short-lived qsub more than the read.
    /// </remarks>
    public static QsubSource ReadSource(QsubArguments arguments, CliConsole console, QsubContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(console);
        if (arguments.Command is not null)
        {
            return QsubSource.CommandLine(arguments.Command);
        }

        if (arguments.Positionals.Count > 0)
        {
            return ReadScriptFile(arguments.Positionals[0], [.. arguments.Positionals.Skip(1)], context);
        }

        if (console.StdinIsTerminal)
        {
            throw CliFailureException.Usage("no script given: name a script file, pipe one in (qsub < job.sh), or run a command with 'qsub -- program args'");
        }

        using (var stdin = console.OpenStdin())
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int n;
            while ((n = stdin.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > SubmissionLimits.ScriptBytesCeiling)
                {
                    throw CliFailureException.Usage(TooLarge("the script on stdin", buffer.Length) + " (and more)");
                }
            }

            return QsubSource.Stdin(buffer.ToArray());
        }
    }

    /// <summary>A script file named on the command line, read whole (qsub -I reads its directives only).</summary>
    internal static QsubSource ReadScriptFile(string path, IReadOnlyList<string> arguments, QsubContext context)
    {
        var full = Path.GetFullPath(path, context.CurrentDirectory);
        if (Directory.Exists(full))
        {
            throw CliFailureException.Usage($"script '{path}' is a directory: give a script file");
        }

        if (!File.Exists(full))
        {
            throw CliFailureException.Usage($"script '{path}' not found: check the path, or run a program with 'qsub -- program args'");
        }

        // Checked before reading: no server accepts more, whatever its Omb:Limits:MaxScriptSize.
        if (new FileInfo(full).Length > SubmissionLimits.ScriptBytesCeiling)
        {
            throw CliFailureException.Usage(TooLarge($"script '{path}'", new FileInfo(full).Length));
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailureException.Usage($"cannot read script '{path}' ({e.Message}): check its permissions");
        }

        return QsubSource.ScriptFile(path, bytes, arguments);
    }

    private static string TooLarge(string what, long bytes) =>
        $"{what} is {SizeParser.Human(bytes)}, more than any server accepts ({SizeParser.Human(SubmissionLimits.ScriptBytesCeiling)}; the default limit is {SizeParser.Human(SubmissionLimits.DefaultMaxScriptBytes)}): keep data in files and read them from the script";
}
