using System.Text;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>The <c>TIMEZONE=</c>, <c>OVERLAP=</c> and <c>MISFIRE=</c> settings in force at one line of a crontab-style file.</summary>
internal sealed record CrontabSettings(string? TimeZoneId, OverlapPolicy Overlap, MisfirePolicy Misfire)
{
    public static CrontabSettings Default { get; } = new(null, OverlapPolicy.Skip, MisfirePolicy.Once);

    private const string Keys = "use TIMEZONE=Area/City, OVERLAP=skip|queue|allow or MISFIRE=once|skip";

    /// <summary>
    /// True for <c>KEY=…</c> and <c>KEY = …</c> lines. A schedule name cannot contain <c>=</c> and no schedule starts
    /// with one, so such a line can never be a schedule line.
    /// </summary>
    public static bool IsSettingLine(string line)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_'))
        {
            i++;
        }

        if (i == 0)
        {
            return false;
        }

        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        return i < line.Length && line[i] == '=';
    }

    /// <summary>The settings after one setting line, or one line naming what is wrong with it.</summary>
    public ParseResult<CrontabSettings> Apply(string line)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        var key = line[..equals].Trim(' ', '\t');
        var value = line[(equals + 1)..].Trim(' ', '\t');
        switch (key.ToUpperInvariant())
        {
            case "TIMEZONE" or "CRON_TZ":
                var zone = value.Length == 0 ? null : value;
                return CheckTimeZoneSyntax(zone) is { } error
                    ? ParseResult<CrontabSettings>.Fail(error)
                    : ParseResult<CrontabSettings>.Success(this with { TimeZoneId = zone });
            case "OVERLAP":
                if (value.Length == 0)
                {
                    return ParseResult<CrontabSettings>.Success(this with { Overlap = Default.Overlap });
                }

                var overlap = SchedulePolicyNames.ParseOverlap(value);
                return overlap.Ok
                    ? ParseResult<CrontabSettings>.Success(this with { Overlap = overlap.Value })
                    : ParseResult<CrontabSettings>.Fail(overlap.Error!);
            case "MISFIRE":
                if (value.Length == 0)
                {
                    return ParseResult<CrontabSettings>.Success(this with { Misfire = Default.Misfire });
                }

                var misfire = SchedulePolicyNames.ParseMisfire(value);
                return misfire.Ok
                    ? ParseResult<CrontabSettings>.Success(this with { Misfire = misfire.Value })
                    : ParseResult<CrontabSettings>.Fail(misfire.Error!);
            default:
                return ParseResult<CrontabSettings>.Fail($"unknown setting '{InputText.Quote(key)}': {Keys}");
        }
    }

    /// <summary>Appends the setting lines needed to go from these settings to <paramref name="entry"/>'s; returns the new settings.</summary>
    public CrontabSettings WriteChanges(CrontabEntry entry, StringBuilder text)
    {
        if (entry.TimeZoneId != TimeZoneId)
        {
            text.Append("TIMEZONE=").Append(entry.TimeZoneId).Append('\n');
        }

        if (entry.Overlap != Overlap)
        {
            text.Append("OVERLAP=").Append(SchedulePolicyNames.Format(entry.Overlap)).Append('\n');
        }

        if (entry.Misfire != Misfire)
        {
            text.Append("MISFIRE=").Append(SchedulePolicyNames.Format(entry.Misfire)).Append('\n');
        }

        return new CrontabSettings(entry.TimeZoneId, entry.Overlap, entry.Misfire);
    }

    /// <summary>
    /// Null when <paramref name="zone"/> is null or could be a zone name (IANA names use letters, digits, <c>/ _ - +</c>);
    /// whether the zone exists is for the server to say, since Core reads no files.
    /// </summary>
    public static string? CheckTimeZoneSyntax(string? zone)
    {
        if (zone is null)
        {
            return null;
        }

        if (zone.Length == 0 || !zone.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+'))
        {
            return $"invalid timezone '{InputText.Quote(zone)}': use an IANA name such as Europe/Berlin";
        }

        return null;
    }
}
