using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Cron;

namespace OpenMosixBatch.Server.Tests.Cron;

/// <summary>What a wake-up does, from the stored next fire time and "now" alone: on time, stale, early, late after downtime.</summary>
public class CronWakeUpRulesTests
{
    private static readonly DateTimeOffset Due = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Threshold = CronScheduleService.MisfireThreshold;

    private static (Schedule Schedule, CronSchedule Cron) Hourly(MisfirePolicy misfire = MisfirePolicy.Once, DateTimeOffset? next = null) =>
        (CronHarness.Schedule("hourly", "0 * * * *", misfire: misfire) with { NextFireTime = next ?? Due },
            CronScheduleParser.Parse("hourly", "0 * * * *", "UTC").Value!);

    [Fact]
    public void Decide_OnTime_FiresForTheDueTimeAndMovesToTheNext()
    {
        var (schedule, cron) = Hourly();
        Assert.Equal(new CronWakeUp(CronWakeUpAction.Fire, Due, null, Due.AddHours(1)), CronWakeUpRules.Decide(schedule, cron, Due, Threshold));
    }

    [Fact]
    public void Decide_AFewMillisecondsEarly_IsNothingAndKeepsTheNextFireTime()
    {
        var (schedule, cron) = Hourly();
        Assert.Equal(CronWakeUp.Nothing(Due), CronWakeUpRules.Decide(schedule, cron, Due.AddMilliseconds(-3), Threshold));
    }

    [Fact]
    public void Decide_StaleWakeUpForATimeAlreadyHandled_IsNothing()
    {
        var (schedule, cron) = Hourly(next: Due.AddHours(1));
        Assert.Equal(CronWakeUpAction.Nothing, CronWakeUpRules.Decide(schedule, cron, Due.AddSeconds(2), Threshold).Action);
    }

    [Fact]
    public void Decide_PausedOrWithoutNextFireTime_IsNothing()
    {
        var (schedule, cron) = Hourly();
        Assert.Equal(CronWakeUpAction.Nothing, CronWakeUpRules.Decide(schedule with { Paused = true }, cron, Due.AddHours(3), Threshold).Action);
        Assert.Equal(CronWakeUpAction.Nothing, CronWakeUpRules.Decide(schedule with { NextFireTime = null }, cron, Due.AddHours(3), Threshold).Action);
    }

    [Fact]
    public void Decide_LateWithinTheThreshold_FiresOnceWithoutMisfire()
    {
        var (schedule, cron) = Hourly();
        var wakeUp = CronWakeUpRules.Decide(schedule, cron, Due + Threshold, Threshold);
        Assert.Equal((CronWakeUpAction.Fire, Due, (string?)null), (wakeUp.Action, wakeUp.FireTime, wakeUp.MisfireReason));
    }

    [Fact]
    public void Decide_WakeUpSpanningTwoFireTimes_FiresOnceForTheLatest()
    {
        var schedule = CronHarness.Schedule("tick", "* * * * * ?") with { NextFireTime = Due };
        var cron = CronScheduleParser.Parse("tick", "* * * * * ?", "UTC").Value!;
        var wakeUp = CronWakeUpRules.Decide(schedule, cron, Due.AddSeconds(1.5), Threshold);
        Assert.Equal(new CronWakeUp(CronWakeUpAction.Fire, Due.AddSeconds(1), null, Due.AddSeconds(2)), wakeUp);
    }

    [Fact]
    public void Decide_AfterDowntime_MisfireOnce_FiresOnceForTheLatestMissedTimeAndSaysWhy()
    {
        var (schedule, cron) = Hourly();
        var wakeUp = CronWakeUpRules.Decide(schedule, cron, Due.AddHours(3.5), Threshold);
        Assert.Equal((CronWakeUpAction.Fire, Due.AddHours(3), Due.AddHours(4)), (wakeUp.Action, wakeUp.FireTime, wakeUp.NextFireTime));
        Assert.Contains("4 fire times", wakeUp.MisfireReason, StringComparison.Ordinal);
        Assert.Contains("fired once", wakeUp.MisfireReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_AfterDowntime_MisfireSkip_SkipsTheLatestMissedTimeAndSaysWhy()
    {
        var (schedule, cron) = Hourly(MisfirePolicy.Skip);
        var wakeUp = CronWakeUpRules.Decide(schedule, cron, Due.AddHours(3.5), Threshold);
        Assert.Equal((CronWakeUpAction.SkipMissed, Due.AddHours(3), Due.AddHours(4)), (wakeUp.Action, wakeUp.FireTime, wakeUp.NextFireTime));
        Assert.Contains("misfire policy skip", wakeUp.MisfireReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_PerSecondScheduleDownForAWeek_FiresOnceForTheLatestSecond()
    {
        var schedule = CronHarness.Schedule("tick", "* * * * * ?") with { NextFireTime = Due };
        var cron = CronScheduleParser.Parse("tick", "* * * * * ?", "UTC").Value!;
        var now = Due.AddDays(7).AddMilliseconds(400);
        var wakeUp = CronWakeUpRules.Decide(schedule, cron, now, Threshold);
        Assert.Equal((CronWakeUpAction.Fire, Due.AddDays(7)), (wakeUp.Action, wakeUp.FireTime));
        Assert.Contains("more than 16 fire times", wakeUp.MisfireReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SpringForwardInBerlin_DailyHalfPastTwoFiresAtThreeOnce()
    {
        var cron = CronScheduleParser.Parse("nightly", "30 2 * * *", "Europe/Berlin").Value!;
        var gapDay = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1));
        var due = cron.NextFireTime(gapDay)!.Value;
        var schedule = CronHarness.Schedule("nightly", "30 2 * * *") with { TimeZoneId = "Europe/Berlin", NextFireTime = due };

        var wakeUp = CronWakeUpRules.Decide(schedule, cron, due, Threshold);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), wakeUp.FireTime);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 2, 30, 0, TimeSpan.FromHours(2)), wakeUp.NextFireTime);
        Assert.Equal(CronWakeUpAction.Nothing, CronWakeUpRules.Decide(schedule with { NextFireTime = wakeUp.NextFireTime }, cron, due.AddMinutes(30), Threshold).Action);
    }
}
