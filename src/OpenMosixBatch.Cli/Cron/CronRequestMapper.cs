using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Submission;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Cli.Cron;

/// <summary>
/// Turns <c>omb cron add</c> and the lines of <c>omb cron import</c> into schedule requests. The job is built by
/// qsub's own splitter, option parser and <see cref="QsubRequestMapper"/>, so a schedule submits exactly what qsub
/// would have, and refuses what qsub would refuse. The script is read when the schedule is made, as qsub reads it when it submits.
/// </summary>
public static class CronRequestMapper
{
    /// <summary>Splits <c>omb cron add</c>'s arguments at the first <c>--</c>: the cron options, and qsub's arguments.</summary>
    public static (IReadOnlyList<string> CronArguments, IReadOnlyList<string> SubmitArguments) SplitAtSeparator(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var separator = args.ToList().IndexOf(CrontabFile.Separator);
        return separator < 0
            ? throw CliFailureException.Usage("missing '--' before the job: write omb cron add NAME --schedule \"0 2 * * *\" -- [qsub options] script [args]")
            : ([.. args.Take(separator)], [.. args.Skip(separator + 1)]);
    }

    public static ScheduleAddRequest Map(CronAddOptions options, IReadOnlyList<string> submitArguments, QsubContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ScheduleNames.Validate(options.Name) is { } nameError)
        {
            throw CliFailureException.Usage(nameError);
        }

        if (string.IsNullOrWhiteSpace(options.Schedule))
        {
            throw CliFailureException.Usage("missing --schedule: give one, e.g. --schedule \"0 2 * * *\" (02:00 every day) or --schedule @daily");
        }

        var expression = Unwrap(ScheduleExpression.Parse(options.Schedule));
        var overlap = options.Overlap is null ? OverlapPolicy.Skip : Unwrap(SchedulePolicyNames.ParseOverlap(options.Overlap));
        var misfire = options.Misfire is null ? MisfirePolicy.Once : Unwrap(SchedulePolicyNames.ParseMisfire(options.Misfire));
        return Map(new CrontabEntry(0, options.Name!, expression.Text, options.TimeZone, overlap, misfire, options.Paused, submitArguments), context);
    }

    /// <summary>One schedule line (from <c>import</c>, or made by <c>add</c>) as a request.</summary>
    public static ScheduleAddRequest Map(CrontabEntry entry, QsubContext context)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var split = QsubArgumentSplitter.Split(entry.SubmitArguments);
        var qsub = OptionParser.Parse<QsubOptions>("qsub", split.OptionTokens, TextWriter.Null)
            ?? throw CliFailureException.Usage("--help is not a job option: put the script after '--'");
        var source = Source(entry.Name, split, context);
        var spec = QsubRequestMapper.Map(qsub, source, context);
        return new ScheduleAddRequest(entry.Name, entry.Expression, entry.TimeZoneId, entry.Overlap, entry.Misfire, entry.Paused,
            new SubmitRequest(spec), entry.SubmitArguments);
    }

    private static QsubSource Source(string name, QsubArguments split, QsubContext context)
    {
        if (split.Command is not null)
        {
            return QsubSource.CommandLine(split.Command);
        }

        if (split.Positionals.Count == 0)
        {
            throw CliFailureException.Usage($"missing script for schedule '{name}': name a script file after the qsub options, e.g. -- jobs/hello.sh (a schedule cannot read stdin)");
        }

        var path = split.Positionals[0];
        var full = Path.GetFullPath(path, context.CurrentDirectory);
        if (Directory.Exists(full))
        {
            throw CliFailureException.Usage($"script '{path}' is a directory: give a script file");
        }

        if (!File.Exists(full))
        {
            throw CliFailureException.Usage($"script '{path}' not found: check the path (relative paths start at the current directory)");
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

        return QsubSource.ScriptFile(path, bytes, [.. split.Positionals.Skip(1)]);
    }

    private static T Unwrap<T>(ParseResult<T> result) => result.Ok ? result.Value! : throw CliFailureException.Usage(result.Error!);
}
