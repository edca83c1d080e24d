using System.Globalization;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Cli.Submission;

/// <summary>
/// Reads a script's #PBS/#OMB directives one at a time with the command line's option class and parser, so that every
/// directive that cannot be read or whose value is wrong is reported with its line number, all in one refusal.
/// </summary>
public static class QsubDirectiveReader
{
    /// <summary>The directives merged in order (a later directive wins, lists add up), and one problem per bad directive.</summary>
    /// <param name="parse">Reads one directive's option tokens, as the command line's are read (<see cref="ParseWithOptionParser"/>).</param>
    /// <param name="check">Checks one directive's options alone and returns its problems (the mapper's value checks).</param>
    public static (QsubOptions Options, IReadOnlyList<string> Problems) Read(string script, Func<IReadOnlyList<string>, QsubOptions?> parse, Func<QsubOptions, IReadOnlyList<string>> check)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(check);
        var merged = new QsubOptions();
        var problems = new List<string>();
        foreach (var directive in DirectiveScanner.ScanLines(script))
        {
            if (directive.Error is not null)
            {
                problems.Add(DirectiveScanner.Describe(directive));
                continue;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"script line {directive.Number} ('{InputText.Quote(directive.Text)}')");
            var line = ParseLine(directive.Words, where, parse, problems);
            if (line is null)
            {
                continue;
            }

            var before = problems.Count;
            problems.AddRange(check(line).Select(p => $"{where}: {p}"));
            if (problems.Count == before)
            {
                merged = QsubOptionsMerge.Merge(merged, line);
            }
        }

        return (merged, problems);
    }

    /// <summary>The command line's parser: the plain reader, else CommandLineParser; null when --help was given.</summary>
    public static QsubOptions? ParseWithOptionParser(IReadOnlyList<string> tokens) => OptionParser.Parse<QsubOptions>("qsub", tokens, TextWriter.Null);

    private static QsubOptions? ParseLine(IReadOnlyList<string> words, string where, Func<IReadOnlyList<string>, QsubOptions?> parse, List<string> problems)
    {
        var split = QsubArgumentSplitter.Split(words);
        var stray = split.Command is not null ? "--" : (split.Positionals.Count > 0 ? split.Positionals[0] : null);
        if (stray is not null)
        {
            problems.Add($"{where}: stray '{InputText.Quote(stray)}' after the options: a directive holds options only (quote a value with spaces, e.g. #PBS -N \"my job\"; start a comment with '# ')");
            return null;
        }

        try
        {
            var options = parse(split.OptionTokens);
            if (options is null)
            {
                problems.Add($"{where}: --help in a directive: remove it from the #PBS/#OMB lines");
            }

            return options;
        }
        catch (CliFailureException f) when (f.ExitCode == ExitCodes.BadUsage)
        {
            problems.Add($"{where}: {f.Message}");
            return null;
        }
    }
}
