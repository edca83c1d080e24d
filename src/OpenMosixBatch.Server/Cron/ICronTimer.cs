namespace OpenMosixBatch.Server.Cron;

/// <summary>
/// Wakes the cron service at a schedule's fire times. The service decides what a wake-up does (<see cref="CronWakeUpRules"/>)
/// and keeps the durable record; the timer only keeps time. <see cref="QuartzCronTimer"/> is the server's; unit tests use a fake.
/// </summary>
internal interface ICronTimer : IDisposable
{
    /// <summary>Starts timing; <paramref name="onFire"/> gets the schedule's name and the fire time it was woken for.</summary>
    Task StartAsync(Func<string, DateTimeOffset, Task> onFire, CancellationToken ct);

    /// <summary>Sets (or replaces) the trigger of <paramref name="name"/>: it fires at <paramref name="firstFireTime"/> and then at every later fire time of <paramref name="schedule"/>.</summary>
    Task ArmAsync(string name, CronSchedule schedule, DateTimeOffset firstFireTime, CancellationToken ct);

    /// <summary>Removes the trigger of <paramref name="name"/>, if any.</summary>
    Task DisarmAsync(string name, CancellationToken ct);

    /// <summary>When the trigger of <paramref name="name"/> fires next, or null when there is none.</summary>
    Task<DateTimeOffset?> NextFireTimeAsync(string name, CancellationToken ct);

    /// <summary>Stops firing; waits for a wake-up in progress.</summary>
    Task StopAsync(CancellationToken ct);
}
