using OpenMosixBatch.Core.Accounting;

namespace OpenMosixBatch.Core.Tests.Accounting;

public sealed class UsageDaysTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 7, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WholeDays_OfAPeriodFromMidDayToMidDay_AreTheDaysBetween()
    {
        Assert.Equal((Midnight.AddDays(1), Midnight.AddDays(30)), UsageDays.WholeDays(Midnight.AddHours(5), Midnight.AddDays(30).AddHours(5)));
    }

    [Fact]
    public void WholeDays_OfAPeriodOnMidnights_StartAndEndOnThem_InUtcWhateverTheOffset()
    {
        Assert.Equal((Midnight, Midnight.AddDays(2)), UsageDays.WholeDays(Midnight, Midnight.AddDays(2)));
        Assert.Equal((Midnight, Midnight.AddDays(1)), UsageDays.WholeDays(Midnight.ToOffset(TimeSpan.FromHours(2)), Midnight.AddDays(1).ToOffset(TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void WholeDays_OfLessThanADayOrAcrossOneMidnight_IsNone()
    {
        Assert.Null(UsageDays.WholeDays(Midnight.AddHours(1), Midnight.AddHours(23)));
        Assert.Null(UsageDays.WholeDays(Midnight.AddHours(1), Midnight.AddDays(1).AddHours(23)));
        Assert.Null(UsageDays.WholeDays(Midnight, Midnight.AddHours(23)));
    }
}
