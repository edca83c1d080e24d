using OpenMosixBatch.Server.Cron;

namespace OpenMosixBatch.Server.Tests.Cron;

public class CronScheduleHashTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CronSchedule Parse(string name, string expression)
    {
        var result = CronScheduleParser.Parse(name, expression, "UTC");
        Assert.True(result.Ok, result.Error);
        return result.Value!;
    }

    [Fact]
    public void Parse_SameName_ResolvesHToTheSameTimeEveryTime() =>
        Assert.Equal(Parse("backup", "H H(0-3) * * *").QuartzExpression, Parse("backup", "H H(0-3) * * *").QuartzExpression);

    [Fact]
    public void Parse_KnownName_ResolvesToThePinnedTime()
    {
        // Pinned: Quartz hashes the key with FNV-1a, stable across processes. Were an upgrade to change it, every
        // hashed schedule would move at once; this test says so before users notice.
        Assert.Equal("0 57 3 * * ?", Parse("a", "H H(0-3) * * *").QuartzExpression);
    }

    [Fact]
    public void Parse_DifferentNames_ResolveHToDifferentTimes()
    {
        var distinct = Enumerable.Range(0, 20).Select(i => Parse($"job-{i}", "H H * * *").QuartzExpression).Distinct().Count();
        Assert.True(distinct >= 18, $"only {distinct} of 20 names got distinct times");
    }

    [Fact]
    public void Parse_HRange_StaysInsideTheRangeAndCoversIt()
    {
        var hours = Enumerable.Range(0, 200)
            .Select(i => Parse($"nightly-{i}", "H H(0-3) * * *").NextFireTime(Start)!.Value.Hour)
            .ToList();
        Assert.All(hours, h => Assert.InRange(h, 0, 3));
        Assert.Equal([0, 1, 2, 3], hours.Distinct().Order());
    }

    [Fact]
    public void Parse_AHundredNightlySchedules_SpreadOverTheHour()
    {
        var minutes = Enumerable.Range(0, 100)
            .Select(i => Parse($"nightly-{i}", "H 2 * * *").NextFireTime(Start)!.Value)
            .ToList();
        Assert.All(minutes, t => Assert.Equal(2, t.Hour));
        var perMinute = minutes.GroupBy(t => t.Minute).Select(g => g.Count()).ToList();
        Assert.True(perMinute.Count >= 35, $"100 schedules landed on only {perMinute.Count} distinct minutes");
        Assert.True(perMinute.Max() <= 8, $"{perMinute.Max()} schedules fire in the same minute");
    }

    [Fact]
    public void Parse_HWithStep_FiresEveryStepFromAHashedOffset()
    {
        // From one second before the hour, so that an offset of 0 is seen as minute 0 and not as the next step.
        var times = Parse("poll", "H/15 * * * *").NextFireTimes(Start.AddSeconds(-1), 4);
        var offset = times[0].Minute;
        Assert.InRange(offset, 0, 14);
        Assert.Equal([offset, offset + 15, offset + 30, offset + 45], times.Select(t => t.Minute));
    }

    [Fact]
    public void Parse_HInQuartzForm_IsResolvedToo()
    {
        var schedule = Parse("ticker", "H H * * * ?");
        Assert.DoesNotContain('H', schedule.QuartzExpression!);
        Assert.NotNull(schedule.NextFireTime(Start));
    }
}
