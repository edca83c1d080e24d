using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Scheduling;
using Quartz;

namespace OpenMosixBatch.Server.Cron;

/// <summary>
/// The one place Quartz's <see cref="CronExpression"/> reads schedule text. Accepts five-field crontab lines
/// (<see cref="CronFormat.Unix"/>: day-of-week 0-7, 0 and 7 Sunday), the macros <c>@yearly @annually @monthly @weekly
/// @daily @midnight @hourly</c>, <c>@reboot</c> (at server start, no expression), six/seven-field Quartz expressions
/// (seconds first, optional year, day-of-week 1-7 from Sunday), and Jenkins-style <c>H</c> / <c>H(a-b)</c> /
/// <c>H/step</c> fields, resolved with the schedule's name as the hash key so the same name always gets the same
/// minute and a hundred nightly schedules spread over the hour.
/// </summary>
/// <remarks>
/// Daylight saving (Quartz 4.7.3, verified by the tests): a wall-clock time that does not exist on a spring-forward
/// day fires at the end of the gap (a daily 02:30 in Europe/Berlin fires at 03:00 CEST that day), and a time that
/// occurs twice on a fall-back day fires at its first occurrence only. A daily run is thus neither lost nor doubled.
/// Sub-daily schedules follow real time: an hourly run fires in both 02:00 hours of a fall-back night.
/// </remarks>
public static class CronScheduleParser
{
    /// <summary>Checks <paramref name="expression"/> and <paramref name="timeZoneId"/> for the schedule named <paramref name="name"/>.</summary>
    public static ParseResult<CronSchedule> Parse(string name, string expression, string? timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(name);
        var shape = ScheduleExpression.Parse(expression);
        if (!shape.Ok)
        {
            return Fail(shape.Error!);
        }

        var zone = ResolveTimeZone(timeZoneId);
        if (!zone.Ok)
        {
            return Fail(zone.Error!);
        }

        var form = shape.Value!;
        if (form.Kind == ScheduleExpressionKind.AtStartup)
        {
            return ParseResult<CronSchedule>.Success(new CronSchedule(name, form, zone.Value!, null));
        }

        if (CronFieldDiagnosis.DescribeOutOfRange(form) is { } outOfRange)
        {
            return Fail(outOfRange);
        }

        var format = form.Kind == ScheduleExpressionKind.Quartz ? CronFormat.Quartz : CronFormat.Unix;
        CronExpression cron;
        try
        {
            cron = CronExpression.ParseWithHash(form.Text, format, name).WithTimeZone(zone.Value);
        }
        catch (FormatException e)
        {
            return Fail(CronFieldDiagnosis.Describe(form, format, name, e.Message));
        }

        // Quartz accepts dates that never come (30 February); a schedule that can never fire is refused here.
        if (cron.GetNextValidTimeAfter(DateTimeOffset.UnixEpoch) is null)
        {
            return Fail($"schedule '{InputText.Quote(form.Text)}' never fires (no date matches its day, month and year fields): fix the fields, e.g. '0 2 28 2 *' for 28 February");
        }

        return ParseResult<CronSchedule>.Success(new CronSchedule(name, form, zone.Value!, cron));
    }

    /// <summary>Checks a stored schedule's expression and zone.</summary>
    public static ParseResult<CronSchedule> Parse(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Parse(schedule.Name, schedule.Expression, schedule.TimeZoneId);
    }

    /// <summary>The zone for an IANA id, or the server's local zone for null.</summary>
    public static ParseResult<TimeZoneInfo> ResolveTimeZone(string? timeZoneId)
    {
        if (timeZoneId is null)
        {
            return ParseResult<TimeZoneInfo>.Success(TimeZoneInfo.Local);
        }

        var unknown = ParseResult<TimeZoneInfo>.Fail(
            $"unknown timezone '{InputText.Quote(timeZoneId)}': use an IANA name such as Europe/Berlin (see /usr/share/zoneinfo)");
        try
        {
            // The runtime's zone cache ignores case but the zoneinfo files do not, so 'europe/berlin' would be found
            // or not depending on what was looked up before; only the exact name is accepted.
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
            return string.Equals(zone.Id, timeZoneId, StringComparison.Ordinal) ? ParseResult<TimeZoneInfo>.Success(zone) : unknown;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return unknown;
        }
    }

    /// <summary>The next <paramref name="count"/> fire times of a stored schedule after <paramref name="after"/>, in its zone.</summary>
    public static ParseResult<IReadOnlyList<DateTimeOffset>> NextFireTimes(Schedule schedule, DateTimeOffset after, int count)
    {
        var parsed = Parse(schedule);
        return parsed.Ok
            ? ParseResult<IReadOnlyList<DateTimeOffset>>.Success(parsed.Value!.NextFireTimes(after, count))
            : ParseResult<IReadOnlyList<DateTimeOffset>>.Fail(parsed.Error!);
    }

    private static ParseResult<CronSchedule> Fail(string error) => ParseResult<CronSchedule>.Fail(error);
}
