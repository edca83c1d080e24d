using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Server.Cron;

/// <summary>A stored schedule with its parsed expression; <see cref="Cron"/> is null when the stored text no longer parses here (a zone removed from the system).</summary>
/// <param name="Problem">Why <see cref="Cron"/> is null.</param>
public sealed record LiveSchedule(Schedule Schedule, CronSchedule? Cron, string? Problem)
{
    public static LiveSchedule From(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var parsed = CronScheduleParser.Parse(schedule);
        return new LiveSchedule(schedule, parsed.Value, parsed.Error);
    }

    public string Name => Schedule.Name;

    public ScheduleKey Key => ScheduleKey.Of(Schedule);

    /// <summary>How logs name the schedule: <c>owner/name</c>, since names are per owner.</summary>
    public string Shown => Show(Schedule);

    public static string Show(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return $"{schedule.Owner.UserName}/{schedule.Name}";
    }
}
