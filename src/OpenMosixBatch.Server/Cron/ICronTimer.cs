using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Server.Cron;

/// <summary>
/// Wakes the cron service at a schedule's fire times. The service decides what a wake-up does (<see cref="CronWakeUpRules"/>)
/// and keeps the durable record; the timer only keeps time. <see cref="QuartzCronTimer"/> is the server's; unit tests use a fake.
/// </summary>
internal interface ICronTimer : IDisposable
{
    /// <summary>Starts timing; <paramref name="onFire"/> gets the schedule's key and the fire time it was woken for.</summary>
    Task StartAsync(Func<ScheduleKey, DateTimeOffset, Task> onFire, CancellationToken ct);

    /// <summary>Sets (or replaces) the trigger of <paramref name="key"/>: it fires at <paramref name="firstFireTime"/> and then at every later fire time of <paramref name="schedule"/>.</summary>
    Task ArmAsync(ScheduleKey key, CronSchedule schedule, DateTimeOffset firstFireTime, CancellationToken ct);

    /// <summary>Removes the trigger of <paramref name="key"/>, if any.</summary>
    Task DisarmAsync(ScheduleKey key, CancellationToken ct);

    /// <summary>When the trigger of <paramref name="key"/> fires next, or null when there is none.</summary>
    Task<DateTimeOffset?> NextFireTimeAsync(ScheduleKey key, CancellationToken ct);

    /// <summary>Stops firing; waits for a wake-up in progress.</summary>
    Task StopAsync(CancellationToken ct);
}
