using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Fuzz;

/// <summary>Every Core parser of user input, by the name of its corpus directory: text in, the errors it gives out (none when accepted).</summary>
public static class ParserCatalog
{
    public static IReadOnlyDictionary<string, Func<string, IReadOnlyList<string>>> Parsers { get; } =
        new Dictionary<string, Func<string, IReadOnlyList<string>>>(StringComparer.Ordinal)
        {
            ["directives"] = s => Errors(DirectiveScanner.Scan(s)),
            ["resource-list"] = s => Errors(ResourceListParser.Apply(ResourceRequest.Default, [s])),
            ["array-range"] = s => Errors(ArrayRangeParser.Parse(s)),
            ["walltime"] = s => Errors(WalltimeParser.Parse(s)),
            ["size"] = s => Errors(SizeParser.Parse(s)),
            ["dependency"] = s => Errors(DependencyParser.ParseAttributes(s)),
            ["environment"] = s => Errors(EnvironmentListParser.Parse(s, name => name == "HOME" ? "/root" : null)),
            ["checkpoint"] = s => Errors(CheckpointPolicyParser.Parse(s)),
            ["cpu-list"] = s => Errors(CpuListParser.Parse(s)),
            ["overheads"] = s => Errors(TunablesParser.ParseOverheads(s, "conf/overheads")),
            ["mfscosts"] = s => Errors(TunablesParser.ParseMfsCosts(s, "conf/mfscosts")),
            ["schedule-expression"] = s => Errors(ScheduleExpression.Parse(s)),
            ["crontab"] = s => [.. CrontabFile.Parse(s).Errors.Select(e => e.Message)],
            ["shell-words"] = s => Errors(OpenMosixBatch.Core.Parsing.ShellWords.Split(s)),
            ["job-name"] = s => NameRules.ValidateJobName(s) is { } e ? [e] : [],
            ["queue-name"] = s => NameRules.ValidateQueueName(s) is { } e ? [e] : [],
            ["schedule-name"] = s => ScheduleNames.Validate(s) is { } e ? [e] : [],
        };

    /// <summary>
    /// The parsers that have a formatter: text in, null when it is refused or when parse → format → parse gives the same
    /// value, else what differed.
    /// </summary>
    public static IReadOnlyDictionary<string, Func<string, string?>> RoundTrips { get; } =
        new Dictionary<string, Func<string, string?>>(StringComparer.Ordinal)
        {
            ["array-range"] = s => RoundTrip(s, ArrayRangeParser.Parse, ArrayRangeParser.Format, (a, b) => a.Indices.SequenceEqual(b.Indices) && a.MaxConcurrent == b.MaxConcurrent),
            ["walltime"] = s => RoundTrip(s, WalltimeParser.Parse, WalltimeParser.Format, (a, b) => a == b),
            ["size"] = s => RoundTrip(s, SizeParser.Parse, SizeParser.Format, (a, b) => a == b),
            ["cpu-list"] = s => RoundTrip(s, CpuListParser.Parse, CpuListParser.Format, (a, b) => a.SequenceEqual(b)),
            ["checkpoint"] = s => RoundTrip(s, CheckpointPolicyParser.Parse, CheckpointPolicyParser.Format, (a, b) => a == b),
            ["overheads"] = s => RoundTrip(s, t => TunablesParser.ParseOverheads(t, "x"), TunablesFormatter.FormatFile, (a, b) => a == b),
            ["mfscosts"] = s => RoundTrip(s, t => TunablesParser.ParseMfsCosts(t, "x"), TunablesFormatter.FormatFile, (a, b) => a == b),
            ["schedule-expression"] = s => RoundTrip(s, ScheduleExpression.Parse, e => e.Text, (a, b) => a.Text == b.Text && a.Kind == b.Kind && a.Fields.SequenceEqual(b.Fields)),
            ["dependency"] = s => RoundTrip(s, DependencyParser.ParseAttributes, ds => "depend=" + string.Join(',', ds), (a, b) => a.SequenceEqual(b)),
        };

    public static string? RoundTrip<T>(string s, Func<string, ParseResult<T>> parse, Func<T, string> format, Func<T, T, bool> same)
    {
        var first = parse(s);
        if (!first.Ok)
        {
            return null;
        }

        var text = format(first.Value!);
        var second = parse(text);
        return !second.Ok ? $"it parsed, but its formatted form '{text}' did not: {second.Error}"
            : !same(first.Value!, second.Value!) ? $"it and its formatted form '{text}' parse to different values"
            : null;
    }

    private static IReadOnlyList<string> Errors<T>(ParseResult<T> r) => r.Ok ? [] : [r.Error!];
}
