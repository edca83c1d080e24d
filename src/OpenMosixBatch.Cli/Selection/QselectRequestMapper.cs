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

        var destination = options.Destination.ToList();
        if (destination.Count > 1 || (destination.Count == 1 && options.Queue is not null))
        {
            throw CliFailureException.Usage($"qselect takes one destination queue (or -q), not job ids or more words: e.g. qselect -q long; drop '{destination[^1]}'");
        }

        var queue = options.Queue ?? destination.FirstOrDefault();
        var selection = new JobSelection
        {
            // PBS writes users as user[@host]; there is one server, so the host part is dropped.
            Users = options.Users is { } users ? [.. users.Split(',').Select(u => u.Split('@', 2)[0].Trim())] : [],
            States = options.States,
            Name = options.Name,
            // PBS's destination: queue, queue@server or @server (every queue of the one server).
            Queue = queue?.Split('@', 2)[0].Trim() is { Length: > 0 } name ? name : null,
            Resources = comparisons,
            IncludeFinished = options.IncludeFinished,
        };
        if (selection.Queue is { } chosen && NameRules.ValidateQueueName(chosen) is { } badQueue)
        {
            throw CliFailureException.Usage(badQueue);
        }

        return selection.Validate() is { } problem ? throw CliFailureException.Usage(problem) : selection;
    }
}
