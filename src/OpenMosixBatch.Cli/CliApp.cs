using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Connection;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli;

/// <summary>Routes argv to a verb, runs it, and turns any failure into its exit code and one line on stderr.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string? invokedPath, IReadOnlyList<string> argv, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        string? verb = null;
        try
        {
            // omb --server H:P qstat: the switch before the verb, only when invoked as omb (qstat --server ... is below).
            var (leading, rest) = ArgvDispatch.InvokedVerb(invokedPath) is null ? ServerSwitch.TakeLeading(argv) : (null, [.. argv]);
            (verb, var args) = ArgvDispatch.Resolve(invokedPath, rest);
            var server = leading;
            if (ServerSwitch.AppliesTo(verb, args) && verb != "qsub")
            {
                // qsub's script arguments are not its options: its splitter takes --server among the options alone.
                (var among, args) = ServerSwitch.Take(args);
                server = among ?? server;
            }
            else if (leading is not null && !ServerSwitch.AppliesTo(verb, args))
            {
                throw CliFailureException.Usage($"{ServerSwitch.Name} does not apply to '{Prefix(verb)}': drop it");
            }

            if (verb == TokenCommand.Verb && server is not null)
            {
                throw CliFailureException.Usage($"tokens are issued only on the server's host over its Unix socket: drop {ServerSwitch.Name} and run 'omb token' there");
            }

            var source = ServerSwitch.Name;
            if (server is null && verb != TokenCommand.Verb && ServerSwitch.AppliesTo(verb, args)
                && Environment.GetEnvironmentVariable(ServerSwitch.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            {
                (server, source) = (fromEnvironment, ServerSwitch.EnvironmentVariable);
            }

            return await DispatchAsync(verb, args, console, server is null ? connect : () => ApiClientFactory.OverTcp(server, source), ct).ConfigureAwait(false);
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
            case "node" when args is ["add" or "remove" or "reload", ..]:
                return await MembershipCommand.RunAsync(args, console, connect, ct).ConfigureAwait(false);
            case "node" when args is ["expel", ..]:
                return await MigrateCommand.ExpelAsync([.. args.Skip(1)], console, connect, ct).ConfigureAwait(false);
            case "node":
                return ServerCommand.Run(args, AppContext.BaseDirectory, console, ServerCommand.NodeExecutableName);
            case "qsub":
                var split = QsubArgumentSplitter.Split(args);
                var (server, optionTokens) = ServerSwitch.Take(split.OptionTokens);
                split = split with { OptionTokens = optionTokens };
                var qsubConnect = server is null ? connect : () => ApiClientFactory.OverTcp(server, ServerSwitch.Name);
                return OptionParser.Parse<QsubOptions>(Prefix(verb), split.OptionTokens, console.Out) is { } qsub
                    ? await QsubCommand.RunAsync(qsub, split, console, QsubContext.FromProcess(), qsubConnect, ct).ConfigureAwait(false)
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
            case "qselect":
                return OptionParser.Parse<QselectOptions>(Prefix(verb), args, console.Out) is { } qselect
                    ? await QselectCommand.RunAsync(qselect, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case RshCommand.Verb or "pbs_tmrsh":
                return await RshCommand.RunAsync(args, console, connect, ct).ConfigureAwait(false);
            case DshCommand.Verb or "pbsdsh":
                return await DshCommand.RunAsync(args, console, connect, ct).ConfigureAwait(false);
            case "qsig":
                return OptionParser.Parse<QsigOptions>(Prefix(verb), args, console.Out) is { } qsig
                    ? await QsigCommand.RunAsync(qsig, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "qrerun":
                return OptionParser.Parse<QrerunOptions>(Prefix(verb), args, console.Out) is { } qrerun
                    ? await JobActionCommand.RunAsync(verb, qrerun, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "qmove":
                return OptionParser.Parse<QmoveOptions>(Prefix(verb), args, console.Out) is { } qmove
                    ? await JobActionCommand.RunAsync(verb, qmove, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "tracejob":
                return OptionParser.Parse<TracejobOptions>(Prefix(verb), args, console.Out) is { } tracejob
                    ? await TracejobCommand.RunAsync(tracejob, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "qalter":
                return OptionParser.Parse<QalterOptions>(Prefix(verb), args, console.Out) is { } qalter
                    ? await QalterCommand.RunAsync(qalter, console, QsubContext.FromProcess(), connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "report":
                return OptionParser.Parse<ReportOptions>(Prefix(verb), args, console.Out) is { } report
                    ? await ReportCommand.RunAsync(report, console, TimeProvider.System, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "pbsnodes":
                return OptionParser.Parse<PbsnodesOptions>(Prefix(verb), args, console.Out) is { } nodes
                    ? await PbsnodesCommand.RunAsync(nodes, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "top":
                return OptionParser.Parse<TopOptions>(Prefix(verb), args, console.Out) is { } top
                    ? await TopCommand.RunAsync(top, console, connect, ct).ConfigureAwait(false)
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
            case TokenCommand.Verb:
                // Always the Unix socket (OMB_SERVER is not applied to it): only there does the kernel vouch for the uid.
                return OptionParser.Parse<TokenOptions>(Prefix(verb), args, console.Out) is { } token
                    ? await TokenCommand.RunAsync(token, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case TuneCommand.Verb:
                return await TuneCommand.RunAsync(args, console, connect, ct).ConfigureAwait(false);
            case MigrateCommand.Verb:
                return await MigrateCommand.MigrateAsync(args, console, connect, ct).ConfigureAwait(false);
            case CalibrateCommand.Verb:
                return OptionParser.Parse<CalibrateOptions>(Prefix(verb), args, console.Out) is { } calibrate
                    ? await CalibrateCommand.RunAsync(calibrate, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case SimulateCommand.Verb:
                return OptionParser.Parse<SimulateOptions>(Prefix(verb), args, console.Out) is { } simulate
                    ? SimulateCommand.Run(simulate, console)
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
