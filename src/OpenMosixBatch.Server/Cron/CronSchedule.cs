using OpenMosixBatch.Core.Scheduling;
using Quartz;

namespace OpenMosixBatch.Server.Cron;

/// <summary>
/// A schedule expression checked by Quartz and bound to its time zone: either a cron expression (with <c>H</c> fields
/// already resolved for the schedule's name), or <c>@reboot</c>, which has no expression and fires at server start.
/// Made only by <see cref="CronScheduleParser"/>.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression? _cron;

    internal CronSchedule(string name, ScheduleExpression expression, TimeZoneInfo timeZone, CronExpression? cron)
    {
        Name = name;
        Expression = expression;
        TimeZone = timeZone;
        _cron = cron;
    }

    public string Name { get; }

    /// <summary>The expression as the user wrote it.</summary>
    public ScheduleExpression Expression { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>True for <c>@reboot</c>: fires once when the server starts, never on a clock.</summary>
    public bool AtStartup => _cron is null;

    /// <summary>
    /// The canonical Quartz expression Quartz will fire (crontab converted, macros expanded, <c>H</c> resolved:
    /// <c>H H(0-3) * * *</c> becomes e.g. <c>0 57 3 * * ?</c>); null for <c>@reboot</c>. <c>omb cron show</c> prints it.
    /// </summary>
    public string? QuartzExpression => _cron?.CronExpressionString;

    /// <summary>The Quartz expression to build a trigger from; null for <c>@reboot</c>.</summary>
    internal CronExpression? Cron => _cron;

    /// <summary>The first fire time strictly after <paramref name="after"/>, in the schedule's zone; null when none is left.</summary>
    public DateTimeOffset? NextFireTime(DateTimeOffset after) =>
        _cron?.GetNextValidTimeAfter(after) is { } next ? TimeZoneInfo.ConvertTime(next, TimeZone) : null;

    /// <summary>
    /// The next <paramref name="count"/> fire times strictly after <paramref name="after"/>, in the schedule's zone
    /// (fewer when the schedule ends; none for <c>@reboot</c>).
    /// </summary>
    public IReadOnlyList<DateTimeOffset> NextFireTimes(DateTimeOffset after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var times = new List<DateTimeOffset>(Math.Min(count, 1024));
        var cursor = after;
        while (times.Count < count && NextFireTime(cursor) is { } next)
        {
            times.Add(next);
            cursor = next;
        }

        return times;
    }

    /// <summary>
    /// The fire times in (<paramref name="after"/>, <paramref name="until"/>], at most <paramref name="limit"/> of
    /// them: the first <c>limit - 1</c> and always the latest, which is what <see cref="MisfireRules"/> needs to fire
    /// once for a long outage (a per-second schedule down for a week has 604,800 missed times).
    /// </summary>
    public MissedFireTimes FireTimesBetween(DateTimeOffset after, DateTimeOffset until, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        var times = new List<DateTimeOffset>();
        var cursor = after;
        while (NextFireTime(cursor) is { } next && next <= until)
        {
            if (times.Count < limit - 1)
            {
                times.Add(next);
                cursor = next;
                continue;
            }

            // Jump to the latest fire time instead of walking every one of them. Fire times are whole seconds, so
            // "strictly before the next whole second after until" is "at or before until".
            var wholeSecond = new DateTimeOffset(until.UtcTicks - (until.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var latest = TimeZoneInfo.ConvertTime(_cron!.GetPreviousValidTimeBefore(wholeSecond.AddSeconds(1))!.Value, TimeZone);
            times.Add(latest);
            return new MissedFireTimes(times, Truncated: latest > next);
        }

        return new MissedFireTimes(times, Truncated: false);
    }
}
