using System.Globalization;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses -t/-J: 1-10, 1-10:2, 1,3,5-7, with an optional %N limit; refuses empty, reversed (5-1) and oversized ranges.</summary>
public static class ArrayRangeParser
{
    private const string Fix = "use START-END[:STEP][%LIMIT] or a list such as 1,3,5-7, e.g. -t 1-10%2";

    public static ParseResult<ArraySpec> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<ArraySpec>.Fail("empty array range: " + Fix);
        }

        var s = text.Trim();
        int? limit = null;
        var pct = s.IndexOf('%', StringComparison.Ordinal);
        if (pct >= 0)
        {
            if (!TryIndex(s[(pct + 1)..], out var l) || l < 1)
            {
                return Fail(text, "the %LIMIT must be a whole number of at least 1");
            }

            limit = l;
            s = s[..pct];
        }

        var indices = new SortedSet<int>();
        foreach (var part in s.Split(','))
        {
            var step = 1;
            var range = part;
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                if (!TryIndex(part[(colon + 1)..], out step) || step < 1)
                {
                    return Fail(text, "the step must be a whole number of at least 1");
                }

                range = part[..colon];
            }

            var dash = range.IndexOf('-', StringComparison.Ordinal);
            int start, end;
            if (dash < 0)
            {
                if (!TryIndex(range, out start) || colon >= 0)
                {
                    return Fail(text, $"'{InputText.Quote(part)}' is not an index or a range");
                }

                end = start;
            }
            else if (!TryIndex(range[..dash], out start) || !TryIndex(range[(dash + 1)..], out end))
            {
                return Fail(text, $"'{InputText.Quote(part)}' is not a range of whole numbers ≥ 0");
            }

            if (end < start)
            {
                return Fail(text, $"the range {start}-{end} runs backwards; write it as {end}-{start}");
            }

            if ((((long)end - start) / step) + 1 + indices.Count > ArraySpec.MaxElements)
            {
                return Fail(text, $"more than {ArraySpec.MaxElements} elements, more than any server accepts (the default limit is {SubmissionLimits.DefaultMaxArrayElements}); split the work into several arrays");
            }

            for (long i = start; i <= end; i += step)
            {
                indices.Add((int)i);
            }
        }

        return ParseResult<ArraySpec>.Success(new ArraySpec([.. indices], limit));
    }

    /// <summary>The compact form qstat shows: 1-10, 1-9:2 or a list, with %N.</summary>
    public static string Format(ArraySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = new List<string>();
        var i = spec.Indices;
        var k = 0;
        while (k < i.Count)
        {
            var j = k;
            while (j + 1 < i.Count && i[j + 1] == i[j] + 1)
            {
                j++;
            }

            parts.Add(j == k ? i[k].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{i[k]}-{i[j]}"));
            k = j + 1;
        }

        var text = string.Join(',', parts);
        return spec.MaxConcurrent is { } n ? string.Create(CultureInfo.InvariantCulture, $"{text}%{n}") : text;
    }

    private static bool TryIndex(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static ParseResult<ArraySpec> Fail(string text, string why) =>
        ParseResult<ArraySpec>.Fail($"invalid array range '{InputText.Quote(text)}': {why}; {Fix}");
}
