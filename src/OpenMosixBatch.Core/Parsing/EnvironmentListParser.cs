using System.Text;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses <c>-v VAR=value,VAR2</c>; a bare name takes its value from <paramref name="lookup"/> (qsub's environment).</summary>
public static class EnvironmentListParser
{
    public static ParseResult<IReadOnlyDictionary<string, string>> Parse(string list, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (string.IsNullOrWhiteSpace(list))
        {
            return Fail("empty -v list: use -v NAME=value[,NAME2]");
        }

        var items = SplitOutsideQuotes(list);
        if (!items.Ok)
        {
            return Fail($"invalid -v list '{InputText.Quote(list)}': {items.Error}; close the quote");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items.Value!)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var name = (eq < 0 ? item : item[..eq]).Trim();
            if (!IsIdentifier(name))
            {
                return Fail($"invalid variable name '{InputText.Quote(name)}' in -v: names are letters, digits and _, not starting with a digit");
            }

            if (eq < 0)
            {
                var value = lookup(name);
                if (value is null)
                {
                    return Fail($"-v {InputText.Quote(name)}: {InputText.Quote(name)} is not set in qsub's environment; give a value with -v {InputText.Quote(name)}=VALUE");
                }

                result[name] = value;
            }
            else
            {
                result[name] = Unquote(item[(eq + 1)..]);
            }
        }

        return ParseResult<IReadOnlyDictionary<string, string>>.Success(result);
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static ParseResult<List<string>> SplitOutsideQuotes(string list)
    {
        var items = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        foreach (var c in list)
        {
            if (quote is { } q)
            {
                quote = c == q ? null : quote;
                current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                current.Append(c);
            }
            else if (c == ',')
            {
                items.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quote is not null)
        {
            return ParseResult<List<string>>.Fail($"unterminated {quote} quote");
        }

        items.Add(current.ToString());
        return ParseResult<List<string>>.Success([.. items.Where(i => i.Length > 0)]);
    }

    private static ParseResult<IReadOnlyDictionary<string, string>> Fail(string message) =>
        ParseResult<IReadOnlyDictionary<string, string>>.Fail(message);
}
