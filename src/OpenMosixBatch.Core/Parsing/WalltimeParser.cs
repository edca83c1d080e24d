using System.Globalization;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Parses a walltime: SS, MM:SS, HH:MM:SS, D:HH:MM:SS or Slurm's D-HH, D-HH:MM, D-HH:MM:SS.</summary>
/// <remarks>
/// Every field is added up as given, whatever its size (<c>00:00:60</c> is 60 s, <c>90:00</c> is 90 min), as PBS and
/// Torque read it: one rule for every field, where a check on some fields only refused scripts PBS runs.
/// </remarks>
public static class WalltimeParser
{
    /// <summary>Half of what a <see cref="TimeSpan"/> holds, so that adding a walltime to a time cannot overflow.</summary>
    private const long MaxSeconds = long.MaxValue / TimeSpan.TicksPerSecond / 2;

    private const string Fix = "use [[HH:]MM:]SS or D-HH:MM:SS, e.g. walltime=01:30:00";

    public static ParseResult<TimeSpan> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<TimeSpan>.Fail("empty walltime: " + Fix);
        }

        var s = text.Trim();
        long days = 0;
        var hasDays = false;
        var dash = s.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            if (!TryNumber(s[..dash], out days))
            {
                return Invalid(text, "days");
            }

            hasDays = true;
            s = s[(dash + 1)..];
        }

        var parts = s.Split(':');
        if (parts.Length > 4 || (hasDays && parts.Length > 3))
        {
            return Invalid(text, "too many fields");
        }

        var values = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryNumber(parts[i], out values[i]))
            {
                return Invalid(text, $"'{InputText.Quote(parts[i])}' is not a whole number");
            }
        }

        // Slurm's D-HH[:MM[:SS]] counts from hours; the PBS forms count from seconds on the right.
        long h = 0, m = 0, sec = 0;
        if (hasDays)
        {
            h = values[0];
            m = values.Length > 1 ? values[1] : 0;
            sec = values.Length > 2 ? values[2] : 0;
        }
        else
        {
            sec = values[^1];
            m = values.Length > 1 ? values[^2] : 0;
            h = values.Length > 2 ? values[^3] : 0;
            days = values.Length > 3 ? values[^4] : 0;
        }

        // Whole seconds in a long (each field has at most 12 digits, so no overflow): a double loses the last second
        // of a walltime beyond about 10^11 s once it is turned into ticks.
        var total = (((days * 24) + h) * 60 + m) * 60 + sec;
        if (total > MaxSeconds)
        {
            return Invalid(text, "too long");
        }

        if (total <= 0)
        {
            return ParseResult<TimeSpan>.Fail($"walltime '{InputText.Quote(text)}' is zero: a job with no time can never run; {Fix}");
        }

        return ParseResult<TimeSpan>.Success(TimeSpan.FromTicks(total * TimeSpan.TicksPerSecond));
    }

    /// <summary>HH:MM:SS with hours beyond 24 as PBS prints them.</summary>
    public static string Format(TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalHours:00}:{value.Minutes:00}:{value.Seconds:00}");

    private static ParseResult<TimeSpan> Invalid(string text, string why) =>
        ParseResult<TimeSpan>.Fail($"invalid walltime '{InputText.Quote(text)}': {why}; {Fix}");

    private static bool TryNumber(string s, out long value) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value) && s.Length is > 0 and <= 12;
}
