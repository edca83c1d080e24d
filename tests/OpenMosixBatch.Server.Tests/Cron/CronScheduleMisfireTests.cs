using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Cron;

namespace OpenMosixBatch.Server.Tests.Cron;

/// <summary>
/// Downtime on virtual time: the schedule last fired at 01:00, the server is down while the clock moves to 04:30, and
/// on start the missed fire times (02:00, 03:00, 04:00) are found and handled by the misfire policy.
/// </summary>
public class CronScheduleMisfireTests
{
    private static readonly DateTimeOffset LastFire = new(2025, 6, 1, 1, 0, 0, TimeSpan.Zero);

    private static (CronSchedule Schedule, FakeTimeProvider Clock) DownForThreeAndAHalfHours()
    {
        var clock = new FakeTimeProvider(LastFire.AddMinutes(1));
        var schedule = CronScheduleParser.Parse("hourly", "0 * * * *", "UTC").Value!;
        clock.Advance(TimeSpan.FromHours(3.5));
        return (schedule, clock);
    }

    [Fact]
    public void FireTimesBetween_AfterDowntime_ListsTheThreeMissedTimes()
    {
        var (schedule, clock) = DownForThreeAndAHalfHours();
        var missed = schedule.FireTimesBetween(LastFire, clock.GetUtcNow(), 100);
        Assert.Equal([LastFire.AddHours(1), LastFire.AddHours(2), LastFire.AddHours(3)], missed.Times);
        Assert.False(missed.Truncated);
    }

    [Fact]
    public void MisfireOnce_ThreeMissedTimes_FiresOneRun()
    {
        var (schedule, clock) = DownForThreeAndAHalfHours();
        var now = clock.GetUtcNow();
        var decision = MisfireRules.Decide(MisfirePolicy.Once, schedule.FireTimesBetween(LastFire, now, 100).Times, now);
        Assert.True(decision.FireNow);
        Assert.Equal(3, decision.MissedCount);
        Assert.Equal(LastFire.AddHours(3), decision.FireTime);
        Assert.Equal(LastFire.AddHours(4), schedule.NextFireTime(now));
    }

    [Fact]
    public void MisfireSkip_ThreeMissedTimes_FiresNone()
    {
        var (schedule, clock) = DownForThreeAndAHalfHours();
        var now = clock.GetUtcNow();
        var decision = MisfireRules.Decide(MisfirePolicy.Skip, schedule.FireTimesBetween(LastFire, now, 100).Times, now);
        Assert.False(decision.FireNow);
        Assert.Equal(3, decision.MissedCount);
    }

    [Fact]
    public void FireTimesBetween_NoDowntime_IsEmpty()
    {
        var clock = new FakeTimeProvider(LastFire.AddMinutes(30));
        var schedule = CronScheduleParser.Parse("hourly", "0 * * * *", "UTC").Value!;
        Assert.Empty(schedule.FireTimesBetween(LastFire, clock.GetUtcNow(), 100).Times);
    }

    [Fact]
    public void FireTimesBetween_AFireTimeExactlyAtNow_IsMissed()
    {
        var schedule = CronScheduleParser.Parse("hourly", "0 * * * *", "UTC").Value!;
        Assert.Equal([LastFire.AddHours(1)], schedule.FireTimesBetween(LastFire, LastFire.AddHours(1), 100).Times);
    }

    [Fact]
    public void FireTimesBetween_WeekOfPerSecondFires_ListsTheFirstOnesAndTheLatestOnly()
    {
        var clock = new FakeTimeProvider(LastFire);
        var schedule = CronScheduleParser.Parse("ticker", "* * * * * ?", "UTC").Value!;
        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMilliseconds(700));
        var now = clock.GetUtcNow();

        var missed = schedule.FireTimesBetween(LastFire, now, 100);

        Assert.Equal(100, missed.Times.Count);
        Assert.True(missed.Truncated);
        Assert.Equal(LastFire.AddSeconds(1), missed.Times[0]);
        Assert.Equal(LastFire.AddDays(7), missed.Times[^1]);
        var decision = MisfireRules.Decide(MisfirePolicy.Once, missed.Times, now, missed.Truncated);
        Assert.Equal(LastFire.AddDays(7), decision.FireTime);
        Assert.Contains("more than 100 fire times", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FireTimesBetween_ExactlyTheLimit_IsNotTruncated()
    {
        var schedule = CronScheduleParser.Parse("hourly", "0 * * * *", "UTC").Value!;
        var missed = schedule.FireTimesBetween(LastFire, LastFire.AddHours(3), 3);
        Assert.Equal([LastFire.AddHours(1), LastFire.AddHours(2), LastFire.AddHours(3)], missed.Times);
        Assert.False(missed.Truncated);
    }
}
