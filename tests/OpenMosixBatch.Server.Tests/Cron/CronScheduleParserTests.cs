using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Cron;

namespace OpenMosixBatch.Server.Tests.Cron;

public class CronScheduleParserTests
{
    // A Wednesday, so that weekly and day-of-week schedules have something to skip.
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CronSchedule Parse(string expression, string name = "nightly", string? zone = "UTC")
    {
        var result = CronScheduleParser.Parse(name, expression, zone);
        Assert.True(result.Ok, result.Error);
        return result.Value!;
    }

    private static string Error(string expression, string? zone = "UTC")
    {
        var result = CronScheduleParser.Parse("nightly", expression, zone);
        Assert.False(result.Ok);
        Assert.DoesNotContain('\n', result.Error!);
        return result.Error!;
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int second = 0, int year = 2025) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void NextFireTimes_Crontab_FiresAtTheGivenMinuteEveryDay() =>
        Assert.Equal([Utc(1, 1, 2, 30), Utc(1, 2, 2, 30), Utc(1, 3, 2, 30)], Parse("30 2 * * *").NextFireTimes(Start, 3));

    [Fact]
    public void NextFireTimes_CrontabStepsRangesAndWeekdays_FollowCrontabMeaning()
    {
        Assert.Equal([Utc(1, 1, 0, 15), Utc(1, 1, 0, 30), Utc(1, 1, 0, 45)], Parse("*/15 * * * *").NextFireTimes(Start, 3));
        Assert.Equal([Utc(1, 1, 9), Utc(1, 2, 9), Utc(1, 3, 9), Utc(1, 6, 9)], Parse("0 9 * * 1-5").NextFireTimes(Start, 4));
    }

    [Theory]
    [InlineData("0 12 * * 0")]
    [InlineData("0 12 * * 7")]
    [InlineData("0 12 * * SUN")]
    public void NextFireTimes_CrontabSunday_IsZeroSevenOrSun(string expression) =>
        Assert.Equal(Utc(1, 5, 12), Parse(expression).NextFireTime(Start));

    [Theory]
    [InlineData("@hourly", 2025, 1, 1, 1)]
    [InlineData("@daily", 2025, 1, 2, 0)]
    [InlineData("@midnight", 2025, 1, 2, 0)]
    [InlineData("@weekly", 2025, 1, 5, 0)]
    [InlineData("@monthly", 2025, 2, 1, 0)]
    [InlineData("@yearly", 2026, 1, 1, 0)]
    [InlineData("@annually", 2026, 1, 1, 0)]
    public void NextFireTime_EveryMacro_FiresAtItsTime(string macro, int year, int month, int day, int hour)
    {
        var schedule = Parse(macro);
        Assert.False(schedule.AtStartup);
        Assert.Equal(Utc(month, day, hour, year: year), schedule.NextFireTime(Start));
    }

    [Fact]
    public void Parse_Reboot_IsAtStartupWithNoFireTimes()
    {
        var schedule = Parse("@reboot");
        Assert.True(schedule.AtStartup);
        Assert.Null(schedule.QuartzExpression);
        Assert.Null(schedule.NextFireTime(Start));
        Assert.Empty(schedule.NextFireTimes(Start, 5));
        Assert.Empty(schedule.FireTimesBetween(Start, Start.AddDays(30), 10).Times);
    }

    [Fact]
    public void NextFireTimes_QuartzSixFieldsEverySecond_FiresEachSecond() =>
        Assert.Equal([Utc(1, 1, 0, 0, 1), Utc(1, 1, 0, 0, 2), Utc(1, 1, 0, 0, 3)], Parse("* * * * * ?").NextFireTimes(Start, 3));

    [Fact]
    public void NextFireTimes_QuartzSecondsField_IsHonoured() =>
        Assert.Equal([Utc(1, 1, 2, 30, 15), Utc(1, 2, 2, 30, 15)], Parse("15 30 2 * * ?").NextFireTimes(Start, 2));

    [Fact]
    public void NextFireTimes_QuartzSevenFieldsWithYear_StopsAfterThatYear() =>
        Assert.Equal([Utc(1, 1, 12, year: 2030), Utc(1, 1, 12, year: 2031)], Parse("0 0 12 1 1 ? 2030-2031").NextFireTimes(Start, 5));

    [Fact]
    public void NextFireTimes_QuartzNthWeekday_FiresOnTheThirdFriday() =>
        Assert.Equal(Utc(1, 17, 2), Parse("0 0 2 ? * 6#3").NextFireTime(Start));

    [Fact]
    public void QuartzExpression_Crontab_IsTheCanonicalQuartzForm() =>
        Assert.Equal("0 30 4 ? * MON", Parse("30 4 * * 1").QuartzExpression);

    [Fact]
    public void NextFireTimes_TimeZone_AreReturnedInTheSchedulesZone()
    {
        var times = Parse("0 2 * * *", zone: "America/New_York").NextFireTimes(Start, 1);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 2, 0, 0, TimeSpan.FromHours(-5)), times[0]);
        Assert.Equal(TimeSpan.FromHours(-5), times[0].Offset);
    }

    [Fact]
    public void NextFireTimes_StoredSchedule_UsesItsExpressionZoneAndName()
    {
        var schedule = new Schedule
        {
            Name = "report",
            Owner = new JobOwner(1000, 1000, "ann"),
            Expression = "0 7 * * *",
            TimeZoneId = "Europe/Berlin",
            Job = new JobSpec { Name = "report", WorkingDirectory = "/home/ann", SubmitDirectory = "/home/ann" },
            CreatedAt = Start,
        };
        var times = CronScheduleParser.NextFireTimes(schedule, Start, 2);
        Assert.True(times.Ok, times.Error);
        Assert.Equal([Utc(1, 1, 6), Utc(1, 2, 6)], times.Value!);
        Assert.False(CronScheduleParser.NextFireTimes(schedule with { TimeZoneId = "Mars/Base" }, Start, 2).Ok);
    }

    [Fact]
    public void NextFireTimes_NullZone_UsesTheServersLocalZone() =>
        Assert.Same(TimeZoneInfo.Local, CronScheduleParser.Parse("x", "@daily", null).Value!.TimeZone);

    [Theory]
    [InlineData("0 25 * * *", "field 2 (hour) '25' is out of range 0-23")]
    [InlineData("61 2 * * *", "field 1 (minute) '61' is out of range 0-59")]
    [InlineData("0 2 32 * *", "field 3 (day-of-month) '32' is out of range 1-31")]
    [InlineData("0 2 0 * *", "field 3 (day-of-month) '0' is out of range 1-31")]
    [InlineData("0 2 * 13 *", "field 4 (month) '13' is out of range 1-12")]
    [InlineData("0 2 * * 8", "field 5 (day-of-week) '8' is out of range 0-7")]
    [InlineData("0 1-25 * * *", "field 2 (hour) '1-25' is out of range 0-23")]
    [InlineData("0 1,2,30 * * *", "field 2 (hour) '1,2,30' is out of range 0-23")]
    [InlineData("x 2 * * *", "field 1 (minute) 'x' is not valid: use values 0-59")]
    [InlineData("*/75 * * * *", "field 1 (minute) '*/75' is not valid (Increment > 59 : 75)")]
    [InlineData("0 2 * JAN-XYZ *", "field 4 (month) 'JAN-XYZ' is not valid (Invalid Month value: 'XYZ')")]
    [InlineData("0 2 * * FOO", "field 5 (day-of-week) 'FOO' is not valid")]
    [InlineData("H(0-60) * * * *", "field 1 (minute) 'H(0-60)' is not valid (H range (0-60) exceeds field bounds (0-59)")]
    [InlineData("0 H(5-3) * * *", "field 2 (hour) 'H(5-3)' is not valid")]
    [InlineData("60 * * * * ?", "field 1 (second) '60' is out of range 0-59")]
    [InlineData("0 0 25 * * ?", "field 3 (hour) '25' is out of range 0-23")]
    [InlineData("0 0 2 * * 8", "field 6 (day-of-week) '8' is out of range 1-7")]
    [InlineData("0 0 2 * * ? 1900", "field 7 (year) '1900' is not valid (Year values must be between 1970 and")]
    public void Parse_BadField_NamesTheFieldItsRangeAndAnExample(string expression, string expected)
    {
        var error = Error(expression);
        Assert.StartsWith($"invalid schedule '{expression}': ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("e.g. '", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DateThatNeverComes_IsRefused() => Assert.Contains("never fires", Error("0 2 31 2 *"), StringComparison.Ordinal);

    [Theory]
    [InlineData("0 2 * *", "has 4 fields")]
    [InlineData("@often", "unknown schedule macro")]
    public void Parse_BadShape_IsRefusedBeforeQuartz(string expression, string expected) =>
        Assert.Contains(expected, Error(expression), StringComparison.Ordinal);

    [Theory]
    [InlineData("Mars/Base")]
    [InlineData("europe/berlin")]
    [InlineData("EUROPE/BERLIN")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    public void Parse_UnknownTimeZone_SaysUseAnIanaName(string zone)
    {
        // Looked up first so that the runtime's case-insensitive zone cache holds it: the answer must not depend on that.
        Assert.True(CronScheduleParser.ResolveTimeZone("Europe/Berlin").Ok);
        Assert.StartsWith($"unknown timezone '{zone}': use an IANA name such as Europe/Berlin", Error("@daily", zone), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Etc/GMT+5")]
    [InlineData("UTC")]
    public void ResolveTimeZone_IanaName_IsFound(string zone) => Assert.Equal(zone, CronScheduleParser.ResolveTimeZone(zone).Value!.Id);
}
