using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using CommandLine;
using CommandLine.Text;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Parsing;

/// <summary>
/// CommandLineParser, configured for omb: no multi-line help on errors (the first error becomes one line on stderr and
/// a <see cref="CliFailureException"/>), help on --help goes to stdout. The generic parameters carry
/// [DynamicallyAccessedMembers(All)] so that NativeAOT keeps the option classes' properties, setters and attributes,
/// which CommandLineParser finds by reflection. Plain lists of the shell-loop verbs skip it (<see cref="PlainOptionParsers"/>).
/// </summary>
public static class OptionParser
{
    private const DynamicallyAccessedMemberTypes Kept = DynamicallyAccessedMemberTypes.All;

    /// <summary>The parsed options, or null when help or the version was printed (exit 0).</summary>
    public static T? Parse<[DynamicallyAccessedMembers(Kept)] T>(string verb, IReadOnlyList<string> args, TextWriter stdout)
    {
        if (PlainOptionParsers.TryParse<T>(args) is { } plain)
        {
            return plain;
        }

        RequireTrailingValue<T>(verb, args);
        using var parser = CreateParser();
        var result = parser.ParseArguments<T>(args);
        if (result is Parsed<T> parsed)
        {
            return parsed.Value;
        }

        return HandleErrors(verb, result, ((NotParsed<T>)result).Errors, stdout, verbsIndex: false);
    }

    /// <summary>Parses 'omb ...' when no known verb was named, to print the verb list on --help or one error line.</summary>
    public static void ParseVerbless(IEnumerable<string> args, TextWriter stdout)
    {
        using var parser = CreateParser();
        var result = parser.ParseArguments(
            args,
            Keep<QsubOptions>(),
            Keep<QstatOptions>(),
            Keep<QdelOptions>(),
            Keep<QholdOptions>(),
            Keep<QrlsOptions>(),
            Keep<PbsnodesOptions>(),
            Keep<QselectOptions>(),
            Keep<QsigOptions>(),
            Keep<QrerunOptions>(),
            Keep<QmoveOptions>(),
            Keep<TracejobOptions>(),
            Keep<QalterOptions>(),
            Keep<LinkOptions>(),
            Keep<ServerOptions>(),
            Keep<UpOptions>(),
            Keep<NodeOptions>(),
            Keep<DemoOptions>(),
            Keep<CronNameOptions>(),
            Keep<TuneOptions>(),
            Keep<MigrateOptions>(),
            Keep<CalibrateOptions>(),
            Keep<BackupOptions>(),
            Keep<TokenOptions>(),
            Keep<TopOptions>(),
            Keep<SimulateOptions>(),
            Keep<RshOptions>(),
            Keep<DshOptions>(),
            Keep<ReportOptions>());
        var errors = result is NotParsed<object> notParsed ? notParsed.Errors : [];
        HandleErrors<object>("omb", result, errors, stdout, verbsIndex: true);
    }

    /// <summary>CommandLineParser takes a value option left last without its value ('qsub -N') as not given at all.</summary>
    private static void RequireTrailingValue<[DynamicallyAccessedMembers(Kept)] T>(string verb, IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[^1] is not ['-', ..] last || last == "--")
        {
            return;
        }

        foreach (var property in typeof(T).GetProperties())
        {
            if (property.PropertyType == typeof(bool) || property.GetCustomAttribute<OptionAttribute>() is not { } option)
            {
                continue;
            }

            if (last == "-" + option.ShortName || last == "--" + option.LongName)
            {
                throw CliFailureException.Usage($"option {last} needs a value: see '{verb} --help'");
            }
        }
    }

    private static Type Keep<[DynamicallyAccessedMembers(Kept)] T>() => typeof(T);

    private static Parser CreateParser() => new(settings =>
    {
        settings.HelpWriter = null;
        settings.AllowMultiInstance = true;
        settings.CaseSensitive = true;
    });

    private static T? HandleErrors<T>(string verb, ParserResult<T> result, IEnumerable<Error> errors, TextWriter stdout, bool verbsIndex)
    {
        var list = errors.ToList();
        if (list.Any(e => e is VersionRequestedError))
        {
            stdout.WriteLine(HeadingInfo.Default.ToString());
            return default;
        }

        if (list.Count == 0 || list.Any(e => e is HelpRequestedError or HelpVerbRequestedError))
        {
            var help = HelpText.AutoBuild(
                result,
                h =>
                {
                    h.Heading = verbsIndex ? "omb: OpenMosixBatch, a PBS-style batch scheduler" : $"usage of {verb}:";
                    h.Copyright = string.Empty;
                    h.AdditionalNewLineAfterOption = false;
                    h.AddDashesToOption = true;
                    return h;
                },
                e => e,
                verbsIndex);
            stdout.WriteLine(help.ToString().TrimEnd());
            if (list.Count == 0 && verbsIndex)
            {
                throw CliFailureException.Usage("no command given: use one of " + string.Join(", ", ArgvDispatch.AllVerbs) + ", or 'omb --help'");
            }

            return default;
        }

        throw CliFailureException.Usage(ParseErrorText.Describe(verb, list[0]));
    }
}
