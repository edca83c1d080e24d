using OpenMosixBatch.Server.Cron;

namespace OpenMosixBatch.Server.Tests.Cron;

/// <summary>
/// Europe/Berlin: on 2025-03-30 clocks jump from 02:00 CET to 03:00 CEST; on 2025-10-26 they fall back from 03:00 CEST
/// to 02:00 CET. A daily 02:30 run must fire once on each of those days: not lost in the gap, not doubled in the overlap.
/// </summary>
public class CronScheduleDaylightSavingTests
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    private static CronSchedule Berlin(string expression) => CronScheduleParser.Parse("dst", expression, "Europe/Berlin").Value!;

    [Fact]
    public void NextFireTimes_SpringForward_FiresAtTheEndOfTheGapThatDay()
    {
        var times = Berlin("30 2 * * *").NextFireTimes(new DateTimeOffset(2025, 3, 28, 0, 0, 0, Cet), 4);
        Assert.Equal(
            [
                new DateTimeOffset(2025, 3, 28, 2, 30, 0, Cet),
                new DateTimeOffset(2025, 3, 29, 2, 30, 0, Cet),
                new DateTimeOffset(2025, 3, 30, 3, 0, 0, Cest),
                new DateTimeOffset(2025, 3, 31, 2, 30, 0, Cest),
            ],
            times);
    }

    [Fact]
    public void NextFireTimes_FallBack_FiresOnlyAtTheFirstOccurrence()
    {
        var times = Berlin("30 2 * * *").NextFireTimes(new DateTimeOffset(2025, 10, 24, 0, 0, 0, Cest), 4);
        Assert.Equal(
            [
                new DateTimeOffset(2025, 10, 24, 2, 30, 0, Cest),
                new DateTimeOffset(2025, 10, 25, 2, 30, 0, Cest),
                new DateTimeOffset(2025, 10, 26, 2, 30, 0, Cest),
                new DateTimeOffset(2025, 10, 27, 2, 30, 0, Cet),
            ],
            times);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    public void NextFireTimes_DailyAcrossATransitionMonth_ExactlyOneRunPerLocalDay(int month)
    {
        var start = new DateTimeOffset(2025, month, 1, 0, 0, 0, TimeSpan.Zero);
        var days = DateTime.DaysInMonth(2025, month);
        var times = Berlin("30 2 * * *").FireTimesBetween(start, start.AddDays(days), 1000).Times;
        Assert.Equal(days, times.Count);
        Assert.Equal(days, times.Select(t => t.Date).Distinct().Count());
    }

    [Fact]
    public void NextFireTimes_HourlyOnFallBackNight_FiresInBothTwoOClockHours()
    {
        // Sub-daily schedules follow real time: the repeated hour is a real hour and gets its run.
        var times = Berlin("0 * * * *").NextFireTimes(new DateTimeOffset(2025, 10, 26, 0, 30, 0, Cest), 4);
        Assert.Equal(
            [
                new DateTimeOffset(2025, 10, 26, 1, 0, 0, Cest),
                new DateTimeOffset(2025, 10, 26, 2, 0, 0, Cest),
                new DateTimeOffset(2025, 10, 26, 2, 0, 0, Cet),
                new DateTimeOffset(2025, 10, 26, 3, 0, 0, Cet),
            ],
            times);
    }

    [Fact]
    public void NextFireTimes_HourlyOnSpringForwardDay_Has23Runs()
    {
        var midnight = new DateTimeOffset(2025, 3, 30, 0, 0, 0, Cet);
        var times = Berlin("0 * * * *").FireTimesBetween(midnight.AddSeconds(-1), new DateTimeOffset(2025, 3, 30, 23, 0, 0, Cest), 100).Times;
        Assert.Equal(23, times.Count);
        Assert.DoesNotContain(times, t => t.Hour == 2);
    }
}
