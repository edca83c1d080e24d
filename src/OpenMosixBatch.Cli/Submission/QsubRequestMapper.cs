using System.Globalization;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Submission;

/// <summary>
/// Turns qsub's command line, the script's #PBS/#OMB directives and qsub's surroundings into a <see cref="JobSpec"/>.
/// Pure: the script's bytes and the environment come in as values. Every problem is a <see cref="CliFailureException"/> with
/// exit code 2 and one "problem: fix" line.
/// </summary>
public static class QsubRequestMapper
{
    public const string StdinJobName = "STDIN";
    public const int MinPriority = -1024;
    public const int MaxPriority = 1023;

    /// <summary>PBS_O_* variable, and the qsub environment variable it copies.</summary>
    private static readonly (string Name, string Source)[] OriginVariables =
    [
        ("PBS_O_HOME", "HOME"),
        ("PBS_O_PATH", "PATH"),
        ("PBS_O_LOGNAME", "LOGNAME"),
        ("PBS_O_SHELL", "SHELL"),
    ];

    public static JobSpec Map(QsubOptions commandLine, QsubSource source, QsubContext context) =>
        Map(commandLine, source, context, QsubDirectiveReader.ParseWithOptionParser);

    /// <param name="parseDirective">Reads one directive's option tokens (null for --help); qsub's small image passes one
    /// that reads plain lists alone and hands anything else to the full CLI (<see cref="Fast.QsubFastPath"/>).</param>
    public static JobSpec Map(QsubOptions commandLine, QsubSource source, QsubContext context, Func<IReadOnlyList<string>, QsubOptions?> parseDirective)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Map(commandLine, source, source.IsCommand ? null : DecodeScript(source), context, parseDirective);
    }

    /// <summary>
    /// <c>qsub -I [script]</c>: the job runs <paramref name="command"/> (the user's shell, or the command after --), named
    /// STDIN unless -N names it; a script's #PBS/#OMB directives are read as for a batch job (the command line wins) and
    /// its body is not run, as PBS Pro does for an interactive job.
    /// </summary>
    public static JobSpec MapInteractive(QsubOptions commandLine, QsubSource? script, IReadOnlyList<string> command, QsubContext context)
    {
        var directives = script is null ? null : DecodeScript(script);
        return Map(commandLine, QsubSource.CommandLine(command) with { DefaultName = StdinJobName }, directives, context, QsubDirectiveReader.ParseWithOptionParser);
    }

    /// <param name="script">The script whose directives are read (null for none): the one that runs, or for qsub -I the one named.</param>
    private static JobSpec Map(QsubOptions commandLine, QsubSource source, string? script, QsubContext context, Func<IReadOnlyList<string>, QsubOptions?> parseDirective)
    {
        if (source.IsCommand && (source.Arguments.Count == 0 || string.IsNullOrWhiteSpace(source.Arguments[0])))
        {
            throw CliFailureException.Usage("empty command after '--': name the program to run, e.g. qsub -- hostname");
        }

        // Each directive, and the command line, is checked alone first, so that a refusal names every bad one with its
        // line; what is left to find in the merge is a conflict between them.
        var problems = new List<string>();
        var directives = new QsubOptions();
        if (script is not null)
        {
            (directives, var directiveProblems) = QsubDirectiveReader.Read(script, parseDirective, line => Problems(line, source, context, script));
            problems.AddRange(directiveProblems);
        }

        var commandLineProblems = Problems(commandLine, source, context, script);
        var several = problems.Count + commandLineProblems.Count > 1;
        problems.AddRange(commandLineProblems.Select(p => several ? "command line: " + p : p));
        if (problems.Count == 0)
        {
            var spec = Build(QsubOptionsMerge.Merge(directives, commandLine), source, context, script, problems);
            if (problems.Count == 0)
            {
                return spec;
            }
        }

        throw CliFailureException.Usage(problems.Count == 1
            ? problems[0]
            : string.Create(CultureInfo.InvariantCulture, $"{problems.Count} problems; fix them all and submit again:\n  ") + string.Join("\n  ", problems));
    }

    private static List<string> Problems(QsubOptions options, QsubSource source, QsubContext context, string? script)
    {
        var problems = new List<string>();
        Build(options, source, context, script, problems);
        return problems;
    }

    /// <summary>The spec the options describe; each value that cannot be read adds its problem and takes its default.</summary>
    private static JobSpec Build(QsubOptions options, QsubSource source, QsubContext context, string? script, List<string> problems)
    {
        T Take<T>(Func<T> read, T fallback)
        {
            try
            {
                return read();
            }
            catch (CliFailureException f) when (f.ExitCode == ExitCodes.BadUsage)
            {
                problems.Add(f.Message);
                return fallback;
            }
        }

        var workingDirectory = Take(() => Absolute(options.WorkingDirectory ?? options.WorkingDirectoryAlias, context), null) ?? context.CurrentDirectory;
        var attributes = Take(() => QsubAttributes.Attributes(options.Attributes), ([], null, null, []));
        if (options.Keep is { } keep)
        {
            attributes.Ignored.Add("-k " + keep);
        }

        return new JobSpec
        {
            Name = Take(() => JobName(options.Name, source), StdinJobName),
            Queue = Take(() => Queue(options.Queue), JobSpec.DefaultQueue),
            Priority = Take(() => Priority(options.Priority), 0),
            Script = source.IsCommand ? null : script,
            Command = source.IsCommand ? source.Arguments : [],
            Arguments = source.IsCommand ? [] : source.Arguments,
            WorkingDirectory = workingDirectory,
            SubmitDirectory = context.CurrentDirectory,
            Resources = Take(() => Resources(options), ResourceRequest.Default),
            OutputPath = Take(() => OutputPath(options.OutputPath, context), null),
            ErrorPath = Take(() => OutputPath(options.ErrorPath, context), null),
            Join = Take(() => Join(options.Join), JoinMode.None),
            Array = Take(() => (options.ArrayRange ?? options.ArrayRangeAlias) is { } range ? Unwrap(ArrayRangeParser.Parse(range)) : null, null),
            Dependencies = attributes.Dependencies,
            GroupList = attributes.GroupList,
            Umask = attributes.Umask,
            IgnoredOptions = attributes.Ignored,
            Account = options.Account,
            Project = options.Project,
            MailEvents = Take(() => QsubAttributes.MailEvents(options.MailEvents), null),
            MailUsers = Take(() => QsubAttributes.MailUsers(options.MailUsers), []),
            Shell = Take(() => QsubAttributes.Shell(options.Shell), null),
            Held = options.Hold,
            Rerunnable = Take(() => Rerunnable(options.Rerunnable), true),
            Environment = Take(() => Environment(options, context), []),
            Checkpoint = Take(() => options.Checkpoint is { } c ? Unwrap(CheckpointPolicyParser.Parse(c)) : CheckpointPolicy.None, CheckpointPolicy.None),
        };
    }

    private static string DecodeScript(QsubSource source)
    {
        var what = source.ScriptPath is null ? "the script on stdin" : $"script '{source.ScriptPath}'";

        // A byte order mark left by some editors would otherwise hide the #! line from the kernel.
        return Unwrap(ScriptText.Decode(source.ScriptBytes ?? [], what)).TrimStart('\uFEFF');
    }

    private static string JobName(string? given, QsubSource source)
    {
        var name = given ?? source.DefaultName
            ?? (source.IsCommand ? Path.GetFileName(source.Arguments[0])
                : source.ScriptPath is null ? StdinJobName
                : Path.GetFileName(source.ScriptPath));
        return NameRules.ValidateJobName(name) is { } error ? throw CliFailureException.Usage(error) : name;
    }

    private static string Queue(string? given)
    {
        if (given is null)
        {
            return JobSpec.DefaultQueue;
        }

        // PBS accepts queue@server; there is one server, so the server part is dropped.
        var queue = given.Split('@', 2)[0].Trim();
        return NameRules.ValidateQueueName(queue) is { } error ? throw CliFailureException.Usage(error) : queue;
    }

    internal static int Priority(string? given)
    {
        if (given is null)
        {
            return 0;
        }

        return int.TryParse(given, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) && p is >= MinPriority and <= MaxPriority
            ? p
            : throw CliFailureException.Usage($"invalid priority '{given}' in -p: use a whole number from {MinPriority} to {MaxPriority}");
    }

    private static JoinMode Join(string? given) => given switch
    {
        null or "n" => JoinMode.None,
        "oe" => JoinMode.OutputAndError,
        "eo" => JoinMode.ErrorAndOutput,
        _ => throw CliFailureException.Usage($"invalid -j '{given}': use oe (errors into the output file), eo, or n"),
    };

    /// <summary>The -l lists; --run-home (like mosrun -h) pins the tasks whatever -l migratable says; -n (Torque) makes the nodes the job's alone.</summary>
    private static ResourceRequest Resources(QsubOptions options)
    {
        var resources = options.ResourceLists.Any() ? Unwrap(ResourceListParser.Apply(ResourceRequest.Default, [.. options.ResourceLists], keepUnknown: true)) : ResourceRequest.Default;
        resources = options.RunHome ? resources with { Migratable = false } : resources;
        return options.NodeExclusive ? resources with { Sharing = PlacementSharing.Exclusive } : resources;
    }

    private static bool Rerunnable(string? given) => given switch
    {
        null or "y" or "Y" => true,
        "n" or "N" => false,
        _ => throw CliFailureException.Usage($"invalid -r '{given}': use y (rerun after a node failure) or n"),
    };

    private static Dictionary<string, string> Environment(QsubOptions options, QsubContext context)
    {
        var environment = options.ExportEnvironment
            ? new Dictionary<string, string>(context.Environment, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var list in options.Variables)
        {
            foreach (var (name, value) in Unwrap(EnvironmentListParser.Parse(list, context.Lookup)))
            {
                environment[name] = value;
            }
        }

        foreach (var (name, sourceName) in OriginVariables)
        {
            var value = context.Lookup(sourceName) ?? (sourceName == "LOGNAME" ? context.UserName : null);
            if (value is not null)
            {
                environment[name] = value;
            }
        }

        environment["PBS_O_HOST"] = context.HostName;
        return environment;
    }

    /// <summary>PBS writes -o/-e as [host:]path; the host part names the submit host, which is this one.</summary>
    private static string? StripHost(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var colon = path.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && path.IndexOf('/', StringComparison.Ordinal) is var slash && (slash < 0 || slash > colon)
            ? path[(colon + 1)..]
            : path;
    }

    /// <summary>
    /// -o/-e as an absolute path; one naming an existing directory ends in '/', so that the task's NAME.oID goes inside
    /// it, as PBS writes it (taken as a file name, the directory could not be opened and the output was lost).
    /// </summary>
    internal static string? OutputPath(string? given, QsubContext context)
    {
        var path = Absolute(StripHost(given), context);
        return path is not null && !path.EndsWith('/') && context.IsDirectory(path) ? path + "/" : path;
    }

    private static string? Absolute(string? path, QsubContext context)
    {
        if (path is null)
        {
            return null;
        }

        if (path.Length == 0)
        {
            throw CliFailureException.Usage("empty path: give a file or directory path");
        }

        if ((path == "~" || path.StartsWith("~/", StringComparison.Ordinal)) && context.Lookup("HOME") is { } home)
        {
            path = home + path[1..];
        }

        return Path.GetFullPath(path, context.CurrentDirectory);
    }

    /// <summary>Core's parsers already phrase their errors as "problem: fix".</summary>
    private static T Unwrap<T>(ParseResult<T> result) => result.Ok ? result.Value! : throw CliFailureException.Usage(result.Error!);
}
