using System.Text.Json;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Cron;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Cli.Commands;

/// <summary><c>omb cron add|list|show|rm|pause|resume|run|import|export</c>: cron schedules that submit jobs.</summary>
public static class CronCommand
{
    public const string Verb = "cron";

    public static readonly IReadOnlyList<string> Subcommands = ["add", "list", "show", "rm", "pause", "resume", "run", "import", "export"];

    private static string Usage => $"use one of {string.Join(", ", Subcommands)}, e.g. omb cron add nightly --schedule \"0 2 * * *\" -- jobs/hello.sh";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, QsubContext context, Func<OmbApiClient> connect, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            if (args.Count == 0)
            {
                throw CliFailureException.Usage("no cron command given: " + Usage);
            }

            await console.Out.WriteLineAsync("usage of omb cron: " + Usage).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var rest = args.Skip(1).ToList();
        var sub = args[0];
        switch (sub)
        {
            case "add":
                var (cronArgs, submitArgs) = CronRequestMapper.SplitAtSeparator(rest);
                if (OptionParser.Parse<CronAddOptions>("omb cron add", cronArgs, console.Out) is not { } add)
                {
                    return ExitCodes.Success;
                }

                return await StoreAsync(CronRequestMapper.Map(add, submitArgs, context), console, connect, ct).ConfigureAwait(false);
            case "list" or "export":
                return OptionParser.Parse<CronListOptions>($"omb cron {sub}", rest, console.Out) is { } list
                    ? await ListAsync(list, sub == "export", console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "import":
                return OptionParser.Parse<CronImportOptions>("omb cron import", rest, console.Out) is { } import
                    ? await ImportAsync(import, console, context, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            case "show" or "rm" or "pause" or "resume" or "run":
                return OptionParser.Parse<CronNameOptions>($"omb cron {sub}", rest, console.Out) is { } named
                    ? await NamedAsync(sub, named, console, connect, ct).ConfigureAwait(false)
                    : ExitCodes.Success;
            default:
                throw CliFailureException.Usage($"unknown cron command '{sub}': {Usage}");
        }
    }

    private static async Task<int> StoreAsync(ScheduleAddRequest request, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        using var client = connect();
        var stored = await client.AddScheduleAsync(request, ct).ConfigureAwait(false);
        await PrintStoredAsync(stored, console).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> ImportAsync(CronImportOptions options, CliConsole console, QsubContext context, Func<OmbApiClient> connect, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.File))
        {
            throw CliFailureException.Usage("missing FILE: name the crontab-style file to import, e.g. omb cron import nightly.cron");
        }

        string text;
        if (options.File == "-")
        {
            using var reader = new StreamReader(console.OpenStdin());
            text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }
        else
        {
            text = await File.ReadAllTextAsync(Path.GetFullPath(options.File, context.CurrentDirectory), ct).ConfigureAwait(false);
        }

        var document = CrontabFile.Parse(text);
        if (!document.Ok)
        {
            throw CliFailureException.Usage($"{options.File} {document.Errors[0]}{(document.Errors.Count > 1 ? $" (and {document.Errors.Count - 1} more bad line(s))" : "")}: nothing was imported");
        }

        if (document.Entries.Count == 0)
        {
            throw CliFailureException.Usage($"{options.File} holds no schedule: write one a line, NAME SCHEDULE -- [qsub options] script [args]");
        }

        var requests = new List<ScheduleAddRequest>();
        foreach (var entry in document.Entries)
        {
            try
            {
                requests.Add(CronRequestMapper.Map(entry, context));
            }
            catch (CliFailureException e)
            {
                throw new CliFailureException(e.ExitCode, $"{options.File} line {entry.LineNumber}: {e.Message}: nothing was imported");
            }
        }

        using var client = connect();
        var stored = await client.ImportSchedulesAsync(new ScheduleImportRequest(requests), ct).ConfigureAwait(false);
        await PrintStoredAsync(stored, console).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> ListAsync(CronListOptions options, bool export, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        using var client = connect();
        var list = await client.ListSchedulesAsync(ct).ConfigureAwait(false);
        var text = options.Json ? JsonSerializer.Serialize(list, OmbJsonContext.Default.ScheduleListResponse) + "\n"
            : export ? CrontabFile.Format(list.Schedules.Select(ToEntry))
            : CronListFormatter.Format(list.Schedules, TimeZoneInfo.Local);
        await console.Out.WriteAsync(text).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> NamedAsync(string sub, CronNameOptions options, CliConsole console, Func<OmbApiClient> connect, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.Name))
        {
            throw CliFailureException.Usage($"missing schedule name: omb cron {sub} NAME (see the names with 'omb cron list')");
        }

        using var client = connect();
        switch (sub)
        {
            case "show":
                var detail = await client.GetScheduleAsync(options.Name, options.User, ct).ConfigureAwait(false);
                await console.Out.WriteAsync(options.Json
                    ? JsonSerializer.Serialize(detail, OmbJsonContext.Default.ScheduleDetailResponse) + "\n"
                    : CronShowFormatter.Format(detail, TimeZoneInfo.Local)).ConfigureAwait(false);
                return ExitCodes.Success;
            case "run":
                var run = await client.RunScheduleAsync(options.Name, options.User, ct).ConfigureAwait(false);
                if (run.DisplayId is null)
                {
                    throw CliFailureException.Refused($"schedule '{run.Name}' submitted nothing: {run.SkipReason}");
                }

                await console.Out.WriteLineAsync(run.DisplayId).ConfigureAwait(false);
                return ExitCodes.Success;
            case "rm":
                await client.DeleteScheduleAsync(options.Name, options.User, ct).ConfigureAwait(false);
                return ExitCodes.Success;
            case "pause":
                await client.PauseScheduleAsync(options.Name, options.User, ct).ConfigureAwait(false);
                return ExitCodes.Success;
            default:
                await client.ResumeScheduleAsync(options.Name, options.User, ct).ConfigureAwait(false);
                return ExitCodes.Success;
        }
    }

    /// <summary>Prints each stored schedule's name and next fire time, one a line.</summary>
    private static async Task PrintStoredAsync(ScheduleAddResponse stored, CliConsole console)
    {
        foreach (var s in stored.Schedules)
        {
            var next = s.Paused ? "paused" : s.NextFireTime is { } t ? "next fire " + CronListFormatter.Time(t, TimeZoneInfo.Local) : "fires at server start";
            await console.Out.WriteLineAsync($"{s.Name}: {next}").ConfigureAwait(false);
        }
    }

    public static CrontabEntry ToEntry(ScheduleSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new CrontabEntry(0, s.Name, s.Expression, s.TimeZoneId, s.Overlap, s.Misfire, s.Paused, s.SubmitArguments);
    }
}
