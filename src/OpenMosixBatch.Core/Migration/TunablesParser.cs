using System.Globalization;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Migration;

/// <summary>
/// Parses <c>conf/overheads</c> (14 values) and <c>conf/mfscosts</c> (6 values), and the same text given to
/// <c>omb tune set</c>: non-negative integers in microseconds separated by spaces, tabs or newlines; <c>#</c> starts a
/// comment that runs to the end of the line.
/// </summary>
public static class TunablesParser
{
    /// <summary>Largest accepted value: 10^9 µs (1000 s). A larger overhead is a unit mistake, not a measurement.</summary>
    public const long MaxValue = 1_000_000_000;

    /// <summary>Longest accepted text; a tunables file holds a handful of numbers and a short header.</summary>
    public const int MaxTextLength = 64 * 1024;

    private const int MaxQuotedLength = 24;

    /// <summary>Parses the 14 overheads; <paramref name="source"/> names where the text came from in errors.</summary>
    public static ParseResult<Overheads> ParseOverheads(string text, string source)
    {
        var example = string.Join(' ', Overheads.Defaults.ToValues());
        var r = ParseValues(text, source, Overheads.Meanings, $"in the /proc/hpc/admin/overheads order, e.g. the defaults '{example}' (omb tune get lists what each value means)");
        return r.Ok ? ParseResult<Overheads>.Success(Overheads.FromValues(r.Value!)) : ParseResult<Overheads>.Fail(r.Error!);
    }

    /// <summary>Parses the 6 oMFS costs; <paramref name="source"/> names where the text came from in errors.</summary>
    public static ParseResult<MfsCosts> ParseMfsCosts(string text, string source)
    {
        var example = string.Join(' ', MfsCosts.Defaults.ToValues());
        var r = ParseValues(text, source, MfsCosts.Meanings, $"in the order connect server, connect client, per KB in server, per KB in client, per KB out server, per KB out client, e.g. the defaults '{example}'");
        return r.Ok ? ParseResult<MfsCosts>.Success(MfsCosts.FromValues(r.Value!)) : ParseResult<MfsCosts>.Fail(r.Error!);
    }

    private static ParseResult<long[]> ParseValues(string text, string source, IReadOnlyList<string> meanings, string order)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        if (text.Length > MaxTextLength)
        {
            return ParseResult<long[]>.Fail(
                $"{source} is {text.Length} characters long, more than the {MaxTextLength} a tunables file can need: check that it is the right file; it holds {meanings.Count} numbers {order}");
        }

        var tokens = Tokens(text);
        if (tokens.Count != meanings.Count)
        {
            return ParseResult<long[]>.Fail($"{source} has {tokens.Count} values, expected {meanings.Count} {order}");
        }

        var values = new long[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var what = $"value {i + 1} ({meanings[i]}) in {source}";
            if (!IsDigits(token))
            {
                return ParseResult<long[]>.Fail($"{what} is '{Quote(token)}': use a non-negative integer number of microseconds");
            }

            var significant = token.TrimStart('0');
            if (significant.Length > 10 || (significant.Length > 0 && long.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture) > MaxValue))
            {
                return ParseResult<long[]>.Fail(
                    $"{what} is {Quote(token)} µs, above the limit of {MaxValue} (1000 s): give the value in microseconds (omb calibrate measures them)");
            }

            values[i] = significant.Length == 0 ? 0 : long.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return ParseResult<long[]>.Success(values);
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        var inComment = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (inComment)
            {
                inComment = c is not ('\n' or '\r');
                continue;
            }

            var separator = c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v' or '#';
            if (separator && start >= 0)
            {
                tokens.Add(text[start..i]);
                start = -1;
            }
            else if (!separator && start < 0)
            {
                start = i;
            }

            inComment = c == '#';
        }

        return tokens;
    }

    private static bool IsDigits(string token)
    {
        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return token.Length > 0;
    }

    /// <summary>The token as it may appear inside a one-line error: control characters replaced, long ones cut.</summary>
    private static string Quote(string token) => InputText.Quote(token, MaxQuotedLength);
}
