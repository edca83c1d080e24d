using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli;

/// <summary>Routes argv to a verb, runs it, and turns any failure into its exit code and one line on stderr.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string? invokedPath, IReadOnlyList<string> argv, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        var (verb, args) = ArgvDispatch.Resolve(invokedPath, argv);
        try
        {
            return await DispatchAsync(verb, args, console, connect, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var (exitCode, line) = ErrorReport.From(Prefix(verb), e);
            await console.Error.WriteLineAsync(line).ConfigureAwait(false);
            return exitCode;
        }
    }

    /// <summary>Errors start with the PBS name (qsub: …) or with omb's own (omb link: …).</summary>
    public static string Prefix(string? verb) =>
        verb is null || !ArgvDispatch.AllVerbs.Contains(verb) ? "omb"
        : ArgvDispatch.PbsVerbs.Contains(verb) ? verb
        : "omb " + verb;

    private static async Task<int> DispatchAsync(string? verb, string[] args, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        switch (verb)
        {
            case "server":
                return ServerCommand.Run(args, AppContext.BaseDirectory, console);
            case "up":
                return ServerCommand.Run(["--world", .. args], AppContext.BaseDirectory, console);
            case "node" when args is ["expel", ..]:
                return await MigrateCommand.ExpelAsync([.. args.Skip(1)], console, connect, ct).ConfigureAwait(false);
            case "node":
                return ServerCommand.Run(args, AppContext.BaseDirectory, console, ServerCommand.NodeExecutableName);
            case "qsub":
                var split = QsubArgumentSplitter.Split(args);
                return OptionParser.Parse<QsubOptions>(Prefix(verb), split.OptionTokens, console.Out) is { } qsub
                    ? await QsubCommand.RunAsync(qsub, split, console, QsubContext.FromProcess(), connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "qstat":
                return OptionParser.Parse<QstatOptions>(Prefix(verb), args, console.Out) is { } qstat
                    ? await QstatCommand.RunAsync(qstat, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "qdel":
                return OptionParser.Parse<QdelOptions>(Prefix(verb), args, console.Out) is { } qdel
                    ? await JobActionCommand.RunAsync(verb, qdel, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "qhold":
                return OptionParser.Parse<QholdOptions>(Prefix(verb), args, console.Out) is { } qhold
                    ? await JobActionCommand.RunAsync(verb, qhold, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "qrls":
                return OptionParser.Parse<QrlsOptions>(Prefix(verb), args, console.Out) is { } qrls
                    ? await JobActionCommand.RunAsync(verb, qrls, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "pbsnodes":
                return OptionParser.Parse<PbsnodesOptions>(Prefix(verb), args, console.Out) is { } nodes
                    ? await PbsnodesCommand.RunAsync(nodes, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "demo":
                return OptionParser.Parse<DemoOptions>(Prefix(verb), args, console.Out) is { } demo
                    ? await DemoCommand.RunAsync(demo, console, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "link":
                return OptionParser.Parse<LinkOptions>(Prefix(verb), args, console.Out) is { } link
                    ? LinkCommand.Run(link, LinkCommand.OmbBinaryPath(), console)
                    : ExitCodes.Success;
            case "backup":
                return OptionParser.Parse<BackupOptions>(Prefix(verb), args, console.Out) is { } backup
                    ? await BackupCommand.RunAsync(backup, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case TuneCommand.Verb:
                return await TuneCommand.RunAsync(args, console, connect, ct).ConfigureAwait(false);
            case MigrateCommand.Verb:
                return await MigrateCommand.MigrateAsync(args, console, connect, ct).ConfigureAwait(false);
            case CalibrateCommand.Verb:
                return OptionParser.Parse<CalibrateOptions>(Prefix(verb), args, console.Out) is { } calibrate
                    ? await CalibrateCommand.RunAsync(calibrate, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case CronCommand.Verb:
                return await CronCommand.RunAsync(args, console, QsubContext.FromProcess(), connect, ct).ConfigureAwait(false);
            default:
                // No verb, or an unknown one: CommandLineParser prints the verb list on --help, else one error line.
                OptionParser.ParseVerbless(verb is null ? args : [verb, .. args], console.Out);
                return ExitCodes.Success;
        }
    }
}
