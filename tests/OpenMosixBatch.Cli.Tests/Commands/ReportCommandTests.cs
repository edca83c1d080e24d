using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Cli.Verbs;
using OpenMosixBatch.Core.Accounting;

namespace OpenMosixBatch.Cli.Tests.Commands;

public sealed class ReportCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.CreateCustomTimeZone("test+1", TimeSpan.FromHours(1), "test+1", "test+1");

    [Fact]
    public void Period_Defaults_ToTheThirtyDaysBeforeNow()
    {
        Assert.Equal((Now.AddDays(-30), Now), ReportCommand.Period(new ReportOptions(), Now, Paris));
    }

    [Fact]
    public void Period_DatesAreLocalMidnights_AndIsoTimesKeepTheirOffset()
    {
        var (start, end) = ReportCommand.Period(new ReportOptions { Start = "2026-11-01", End = "2026-12-01T06:30:00Z" }, Now, Paris);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(1)), start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 6, 30, 0, TimeSpan.Zero), end);
    }

    [Theory]
    [InlineData("yesterday", null, "invalid --start 'yesterday'")]
    [InlineData("2026-12-01", "2026-11-01", "the period ends before it starts")]
    public void Period_BadDates_AreUsageErrors(string? start, string? end, string expected)
    {
        var e = Assert.Throws<CliFailureException>(() => ReportCommand.Period(new ReportOptions { Start = start, End = end }, Now, Paris));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_HasAHeaderAndOneRowEach_QuotingWhatNeedsIt()
    {
        var report = new UsageReportResponse(Now.AddDays(-1), Now, true,
            [new UsageRow("user", "ada", 2, 3, 2.5, 20, 30, 2.5 / 3), new UsageRow("group", "a,b", 1, 1, 0, 0, 0, 0)]);

        Assert.Equal(
            "by,name,jobs,cpu_hours_allocated,cpu_hours_used,efficiency,mean_wait_seconds,p95_wait_seconds\n" +
            "user,ada,2,3,2.5,0.8333,20,30\ngroup,\"a,b\",1,1,0,0,0,0\n",
            ReportFormatter.Csv(report));
        Assert.Contains("user   ada                      2         3.00         2.50    83%   00:00:20   00:00:30", ReportFormatter.Table(report), StringComparison.Ordinal);
    }
}
