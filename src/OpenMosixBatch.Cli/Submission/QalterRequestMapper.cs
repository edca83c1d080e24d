using System.Globalization;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Submission;

/// <summary>
/// Turns qalter's options into a <see cref="JobAlteration"/>, reading each value as qsub reads it (the same parsers);
/// the server checks the altered job as it checks a submission. Every problem is a usage error (exit 2).
/// </summary>
public static class QalterRequestMapper
{
    public static JobAlteration Map(QalterOptions options, QsubContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (options.Name is { } name && NameRules.ValidateJobName(name) is { } badName)
        {
            throw CliFailureException.Usage(badName);
        }

        var lists = options.ResourceLists.ToList();
        if (lists.Count > 0 && ResourceListParser.Apply(ResourceRequest.Default, lists, keepUnknown: true) is { Ok: false } badList)
        {
            throw CliFailureException.Usage(badList.Error!);
        }

        var alteration = new JobAlteration
        {
            Name = options.Name,
            Priority = options.Priority is null ? null : QsubRequestMapper.Priority(options.Priority),
            Hold = Hold(options.Hold),
            ResourceLists = lists,
            Dependencies = Dependencies(options.Attributes.ToList()),
            OutputPath = QsubRequestMapper.OutputPath(options.OutputPath, context),
            ErrorPath = QsubRequestMapper.OutputPath(options.ErrorPath, context),
            ArrayLimit = ArrayLimit(options.ArrayLimit),
            Checkpoint = options.Checkpoint is { } c ? Unwrap(CheckpointPolicyParser.Parse(c)) : null,
        };
        return alteration.IsEmpty
            ? throw CliFailureException.Usage("nothing to change: give at least one option, e.g. qalter -l walltime=01:00:00 42")
            : alteration;
    }

    /// <summary>-h u holds, -h n releases; PBS's operator (o) and system (s) holds do not exist here.</summary>
    private static bool? Hold(string? given) => given switch
    {
        null => null,
        "u" => true,
        "n" => false,
        _ => throw CliFailureException.Usage($"invalid -h '{InputText.Quote(given)}': use u (user hold) or n (release)"),
    };

    /// <summary>-W depend=... replaces the dependencies; depend= with nothing after it drops them.</summary>
    private static List<Dependency>? Dependencies(List<string> attributes)
    {
        if (attributes.Count == 0)
        {
            return null;
        }

        var dependencies = new List<Dependency>();
        foreach (var attribute in attributes)
        {
            var text = attribute.Trim();
            if (text.Equals("depend=", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            dependencies.AddRange(Unwrap(DependencyParser.ParseAttributes(text)));
        }

        return dependencies;
    }

    /// <summary>-t %N: only the limit of an array may change, not its range.</summary>
    private static int? ArrayLimit(string? given)
    {
        if (given is null)
        {
            return null;
        }

        return given.StartsWith('%') && int.TryParse(given.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1
            ? limit
            : throw CliFailureException.Usage($"invalid -t '{InputText.Quote(given)}': qalter changes only an array's limit, e.g. -t %4 (its range stays)");
    }

    private static T Unwrap<T>(ParseResult<T> result) => result.Ok ? result.Value! : throw CliFailureException.Usage(result.Error!);
}
