using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Selection;

namespace OpenMosixBatch.Cli.Selection;

/// <summary>Turns qselect's options into a <see cref="JobSelection"/>; every problem is a usage error (exit 2).</summary>
public static class QselectRequestMapper
{
    public static JobSelection Map(QselectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var comparisons = new List<ResourceComparison>();
        foreach (var list in options.Resources)
        {
            var parsed = ResourceComparisonParser.Parse(list);
            comparisons.AddRange(parsed.Ok ? parsed.Value! : throw CliFailureException.Usage(parsed.Error!));
        }

        var selection = new JobSelection
        {
            // PBS writes users as user[@host]; there is one server, so the host part is dropped.
            Users = options.Users is { } users ? [.. users.Split(',').Select(u => u.Split('@', 2)[0].Trim())] : [],
            States = options.States,
            Name = options.Name,
            Queue = options.Queue?.Split('@', 2)[0].Trim(),
            Resources = comparisons,
            IncludeFinished = options.IncludeFinished,
        };
        if (selection.Queue is { } queue && NameRules.ValidateQueueName(queue) is { } badQueue)
        {
            throw CliFailureException.Usage(badQueue);
        }

        return selection.Validate() is { } problem ? throw CliFailureException.Usage(problem) : selection;
    }
}
