namespace OpenMosixBatch.Server.Cron;

/// <summary>The outcome of <see cref="CronWakeUpRules.Decide"/>.</summary>
/// <param name="Action">Fire, skip the missed times, or nothing.</param>
/// <param name="FireTime">The fire time handled: the one fired for, or the latest one skipped; null for <see cref="CronWakeUpAction.Nothing"/>.</param>
/// <param name="MisfireReason">Why, when the misfire policy decided (the fire was late by more than the threshold).</param>
/// <param name="NextFireTime">The schedule's next fire time after this wake-up, or null when none is left.</param>
public sealed record CronWakeUp(CronWakeUpAction Action, DateTimeOffset? FireTime, string? MisfireReason, DateTimeOffset? NextFireTime)
{
    public static CronWakeUp Nothing(DateTimeOffset? next) => new(CronWakeUpAction.Nothing, null, null, next);
}
