using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Connection;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Fast;

/// <summary>
/// qsub in omb's small image (src/OpenMosixBatch.Cli.FastPath), which a shell loop starts once per job: a batch
/// submission over the local Unix socket whose command line and #PBS/#OMB directives are plain lists
/// (<see cref="PlainOptionParsers.Qsub"/>), read, mapped and submitted by the same code as the full CLI's. Anything
/// else (another verb, --help, -I, --server or OMB_SERVER, an option list or a directive that is not plain) goes to
/// the full CLI unread, so its help, errors and exit codes are the full CLI's own.
/// </summary>
public static class QsubFastPath
{
    public static FastPathOutcome Run(string? invokedPath, IReadOnlyList<string> argv, CliConsole console, Func<OmbApiClient> connect)
    {
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(console);
        if (QsubArguments(invokedPath, argv) is not { } args
            || Environment.GetEnvironmentVariable(ServerSwitch.EnvironmentVariable) is { Length: > 0 })
        {
            return FastPathOutcome.ToFullCli();
        }

        var split = QsubArgumentSplitter.Split(args);
        if (split.OptionTokens.Any(t => t.StartsWith(ServerSwitch.Name, StringComparison.Ordinal))
            || PlainOptionParsers.Qsub.TryParse(split.OptionTokens) is not { } options)
        {
            return FastPathOutcome.ToFullCli();
        }

        QsubSource? source = null;
        try
        {
            var context = QsubContext.FromProcess();
            source = QsubCommand.ReadSource(split, console, context);
            var spec = QsubRequestMapper.Map(options, source, context, PlainDirective);

            // The transport is blocking: the task is complete when it is returned.
            return FastPathOutcome.Done(QsubCommand.SubmitAsync(spec, console, connect, CancellationToken.None).GetAwaiter().GetResult());
        }
        catch (FullCliRequiredException)
        {
            return FastPathOutcome.ToFullCli(source is { IsCommand: false, ScriptPath: null } ? source.ScriptBytes : null);
        }
        catch (Exception e)
        {
            var (exitCode, line) = ErrorReport.From(CliApp.Prefix("qsub"), e);
            console.Error.WriteLine(line);
            return FastPathOutcome.Done(exitCode);
        }
    }

    /// <summary>qsub's own arguments: all of argv under a qsub link, the rest after 'qsub' under omb; null for any other command.</summary>
    public static IReadOnlyList<string>? QsubArguments(string? invokedPath, IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        return ArgvDispatch.InvokedVerb(invokedPath) switch
        {
            "qsub" => argv,
            null when argv.Count > 0 && argv[0] == "qsub" => [.. argv.Skip(1)],
            _ => null,
        };
    }

    /// <summary>A directive as the full CLI reads a plain one; any other is the full CLI's to read (and to refuse).</summary>
    private static QsubOptions PlainDirective(IReadOnlyList<string> tokens) =>
        PlainOptionParsers.Qsub.TryParse(tokens) ?? throw new FullCliRequiredException();
}
