using System.Globalization;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses a PBS size: 512, 100b, 4kb, 512mb, 2gb, 1tb (also k/m/g/t/p, w for 8-byte words; case-insensitive). A bare number is bytes.</summary>
public static class SizeParser
{
    private const string Fix = "use a whole number with an optional unit b, kb, mb, gb or tb, e.g. 2gb";

    public static ParseResult<long> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<long>.Fail("empty size: " + Fix);
        }

        var s = text.Trim().ToLowerInvariant();
        var digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(s.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return ParseResult<long>.Fail($"invalid size '{InputText.Quote(text)}': {Fix}");
        }

        var unit = s[digits..];
        var word = unit.EndsWith('w');
        var prefix = word ? unit[..^1] : unit.EndsWith('b') ? unit[..^1] : unit;
        int? shift = prefix switch
        {
            "" => 0,
            "k" => 10,
            "m" => 20,
            "g" => 30,
            "t" => 40,
            "p" => 50,
            _ => null,
        };
        if (shift is null)
        {
            return ParseResult<long>.Fail($"invalid size '{InputText.Quote(text)}': unknown unit '{InputText.Quote(unit)}'; {Fix}");
        }

        var multiplier = (word ? 8L : 1L) << shift.Value;
        if (number > long.MaxValue / multiplier)
        {
            return ParseResult<long>.Fail($"size '{InputText.Quote(text)}' is too large: {Fix}");
        }

        return ParseResult<long>.Success(number * multiplier);
    }

    /// <summary>The shortest exact PBS form of a byte count (2gb, 1536mb, 100b).</summary>
    public static string Format(long bytes)
    {
        var units = new[] { (50, "pb"), (40, "tb"), (30, "gb"), (20, "mb"), (10, "kb") };
        foreach (var (shift, unit) in units)
        {
            var size = 1L << shift;
            if (bytes != 0 && bytes % size == 0)
            {
                return (bytes / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + "b";
    }

    /// <summary>A human figure for messages: 64 GiB, 512 MiB, 3.5 GiB.</summary>
    public static string Human(long bytes) => bytes switch
    {
        >= 1L << 40 => Scaled(bytes, 40, "TiB"),
        >= 1L << 30 => Scaled(bytes, 30, "GiB"),
        >= 1L << 20 => Scaled(bytes, 20, "MiB"),
        >= 1L << 10 => Scaled(bytes, 10, "KiB"),
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string Scaled(long bytes, int shift, string unit) =>
        (bytes / (double)(1L << shift)).ToString("0.#", CultureInfo.InvariantCulture) + " " + unit;
}
