using System.Globalization;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>
/// Reads the #PBS and #OMB directives at the top of a script as PBS reads them: after an optional shebang, among
/// blank and comment lines, up to the first command line; each split like a shell splits it, so an unquoted
/// <c># comment</c> after the options ends the directive, a bare <c>#PBS</c> says nothing, and a directive ending in
/// an unquoted <c>\</c> goes on with the next line (whose own <c>#PBS</c> or <c>#</c> and the blanks after it are
/// dropped, so that <c>-l nodes=1,\</c> then <c>#PBS walltime=1:00:00</c> is one list; a blank before the <c>\</c>
/// separates words, as in a shell).
/// </summary>
public static class DirectiveScanner
{
    private static readonly string[] Prefixes = ["#PBS", "#OMB"];

    /// <summary>Every directive of the script with its line number; a line that cannot be read carries its error.</summary>
    public static IReadOnlyList<DirectiveLine> ScanLines(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var directives = new List<DirectiveLine>();
        var lines = script.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var trimmed = lines[n].TrimEnd('\r').Trim();
            if (n == 0 && trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                continue;
            }

            if (trimmed.Length == 0)
            {
                continue;
            }

            if (!trimmed.StartsWith('#'))
            {
                break;
            }

            var prefix = PrefixOf(trimmed);
            if (prefix is null)
            {
                continue;
            }

            var first = n;
            var body = trimmed[prefix.Length..];
            while (EndsInContinuation(body) && n + 1 < lines.Length)
            {
                n++;
                body = body[..^1] + WithoutDirectiveMark(lines[n].TrimEnd('\r').Trim()).TrimStart();
            }

            var text = prefix + body;
            var words = ShellWords.Split(body);
            directives.Add(words.Ok
                ? new DirectiveLine(first + 1, text, words.Value!, null)
                : new DirectiveLine(first + 1, text, [], words.Error));
        }

        return directives;
    }

    /// <summary>The option words of every directive in order, or the first directive that cannot be read.</summary>
    public static ParseResult<IReadOnlyList<string>> Scan(string script)
    {
        var tokens = new List<string>();
        foreach (var d in ScanLines(script))
        {
            if (d.Error is not null)
            {
                return ParseResult<IReadOnlyList<string>>.Fail(Describe(d));
            }

            tokens.AddRange(d.Words);
        }

        return ParseResult<IReadOnlyList<string>>.Success(tokens);
    }

    /// <summary>"script line N: ERROR in directive '...': close the quote".</summary>
    public static string Describe(DirectiveLine directive)
    {
        ArgumentNullException.ThrowIfNull(directive);
        return string.Create(CultureInfo.InvariantCulture,
            $"script line {directive.Number}: {directive.Error} in directive '{InputText.Quote(directive.Text)}': close the quote");
    }

    private static string? PrefixOf(string line) => Prefixes.FirstOrDefault(p => line.StartsWith(p, StringComparison.Ordinal)
        && (line.Length == p.Length || char.IsWhiteSpace(line[p.Length])));

    /// <summary>An odd run of backslashes at the end: the last one escapes the line's end, as in a shell.</summary>
    private static bool EndsInContinuation(string body)
    {
        var run = 0;
        for (var i = body.Length - 1; i >= 0 && body[i] == '\\'; i--)
        {
            run++;
        }

        return run % 2 == 1;
    }

    private static string WithoutDirectiveMark(string line) =>
        PrefixOf(line) is { } prefix ? line[prefix.Length..]
        : line.StartsWith('#') ? line[1..]
        : line;
}
