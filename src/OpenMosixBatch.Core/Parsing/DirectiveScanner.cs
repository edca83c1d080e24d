using System.Globalization;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>
/// Returns the option tokens of the #PBS and #OMB lines at the top of a script (after an optional shebang,
/// stopping at the first command line), split like a shell would split them.
/// </summary>
public static class DirectiveScanner
{
    private static readonly string[] Prefixes = ["#PBS", "#OMB"];

    public static ParseResult<IReadOnlyList<string>> Scan(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var tokens = new List<string>();
        var lines = script.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            var trimmed = line.TrimStart();
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

            var prefix = Prefixes.FirstOrDefault(p => trimmed.StartsWith(p, StringComparison.Ordinal)
                && (trimmed.Length == p.Length || char.IsWhiteSpace(trimmed[p.Length])));
            if (prefix is null)
            {
                continue;
            }

            var words = ShellWords.Split(trimmed[prefix.Length..]);
            if (!words.Ok)
            {
                return ParseResult<IReadOnlyList<string>>.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"script line {n + 1}: {words.Error} in directive '{InputText.Quote(trimmed)}': close the quote"));
            }

            tokens.AddRange(words.Value!);
        }

        return ParseResult<IReadOnlyList<string>>.Success(tokens);
    }
}
