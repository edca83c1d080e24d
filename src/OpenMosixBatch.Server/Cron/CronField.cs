using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Server.Cron;

/// <summary>One field of a crontab or Quartz expression as users are told about it: its position, name and range.</summary>
/// <param name="Position">1-based position in the expression as written.</param>
/// <param name="Name">What the field means (minute, hour, day-of-week, …).</param>
/// <param name="Min">Smallest value; null when the range is not fixed (the year field's end moves with time).</param>
/// <param name="Max">Largest value; null when the range is not fixed.</param>
public sealed record CronField(int Position, string Name, int? Min, int? Max)
{
    private static readonly CronField[] CrontabFields =
    [
        new(1, "minute", 0, 59),
        new(2, "hour", 0, 23),
        new(3, "day-of-month", 1, 31),
        new(4, "month", 1, 12),
        new(5, "day-of-week", 0, 7),
    ];

    private static readonly CronField[] QuartzFields =
    [
        new(1, "second", 0, 59),
        new(2, "minute", 0, 59),
        new(3, "hour", 0, 23),
        new(4, "day-of-month", 1, 31),
        new(5, "month", 1, 12),
        new(6, "day-of-week", 1, 7),
        new(7, "year", null, null),
    ];

    /// <summary>The fields of an expression of <paramref name="kind"/> with <paramref name="count"/> fields.</summary>
    public static IReadOnlyList<CronField> For(ScheduleExpressionKind kind, int count) => kind switch
    {
        ScheduleExpressionKind.Crontab => CrontabFields,
        ScheduleExpressionKind.Quartz => QuartzFields[..count],
        _ => [],
    };

    public string Range => Min is { } min && Max is { } max ? $"{min}-{max}" : "1970 to about 100 years from now";
}
