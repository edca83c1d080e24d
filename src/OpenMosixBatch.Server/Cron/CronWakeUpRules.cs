using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Server.Cron;

/// <summary>
/// Decides what a schedule does when woken at <c>now</c>, from its stored next fire time alone: the timer (Quartz) only
/// says "look at this schedule", so a wake-up that comes twice, early by a few milliseconds, or for a fire time already
/// handled changes nothing, and the same rules serve the catch-up at server start and the triggers while running.
/// </summary>
public static class CronWakeUpRules
{
    /// <summary>How many missed fire times are listed before jumping to the latest (see <see cref="CronSchedule.FireTimesBetween"/>).</summary>
    public const int MissedListLimit = 16;

    /// <summary>
    /// Not due when the schedule is paused, has no next fire time, or its next fire time is after <paramref name="now"/>.
    /// Due and at most <paramref name="misfireThreshold"/> late: fire once, for the latest fire time passed (a wake-up
    /// that spans two fire times fires once). Later than that — the server was down or stopped — the schedule's
    /// <see cref="MisfirePolicy"/> decides through <see cref="MisfireRules"/>: one run for all the missed times, or none.
    /// </summary>
    public static CronWakeUp Decide(Schedule schedule, CronSchedule cron, DateTimeOffset now, TimeSpan misfireThreshold)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(cron);
        if (schedule.Paused || cron.AtStartup || schedule.NextFireTime is not { } due || due > now)
        {
            return CronWakeUp.Nothing(schedule.NextFireTime);
        }

        var next = cron.NextFireTime(now);
        var missed = cron.FireTimesBetween(due.AddTicks(-1), now, MissedListLimit);
        if (missed.Times.Count == 0)
        {
            // The stored time is not one of the expression's (the expression changed under it): move on.
            return CronWakeUp.Nothing(next);
        }

        if (now - missed.Times[0] <= misfireThreshold)
        {
            return new CronWakeUp(CronWakeUpAction.Fire, missed.Times[^1], null, next);
        }

        var decision = MisfireRules.Decide(schedule.Misfire, missed.Times, now, missed.Truncated);
        return decision.FireNow
            ? new CronWakeUp(CronWakeUpAction.Fire, decision.FireTime, decision.Reason, next)
            : new CronWakeUp(CronWakeUpAction.SkipMissed, missed.Times[^1], decision.Reason, next);
    }
}
