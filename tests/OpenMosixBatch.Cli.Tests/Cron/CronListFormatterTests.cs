using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Cli.Tests.Cron;

public sealed class CronListFormatterTests
{
    private static readonly ScheduleSummary Nightly = new("nightly", "ada", "0 2 * * *", "Europe/Berlin", OverlapPolicy.Queue, MisfirePolicy.Skip, false,
        new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero), null, 42, 'R', null, ["-l", "mem=1gb", "jobs/hello.sh", "two words"]);

    [Fact]
    public void Format_Rows_ShowNameOwnerScheduleZoneNextFireLastJobStateAndPaused()
    {
        var paused = Nightly with { Name = "weekly", Paused = true, NextFireTime = null, LastJobId = null, LastJobState = null, TimeZoneId = null };

        var lines = CronListFormatter.Format([Nightly, paused], TimeZoneInfo.Utc).Split('\n');

        Assert.StartsWith("Name", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^nightly +ada +0 2 \* \* \* +Europe/Berlin +2026-11-26 01:00:00 +42 +R +no$", lines[2]);
        Assert.Matches(@"^weekly +ada +0 2 \* \* \* +- +- +- +- +yes$", lines[3]);
    }

    [Fact]
    public void ToEntry_ExportedLines_ParseBackToTheSameSchedules()
    {
        var text = CrontabFile.Format([CronCommand.ToEntry(Nightly), CronCommand.ToEntry(Nightly with { Name = "b", Paused = true, TimeZoneId = null })]);

        var document = CrontabFile.Parse(text);

        Assert.True(document.Ok, string.Join("; ", document.Errors));
        Assert.Equal(["nightly", "b"], document.Entries.Select(e => e.Name));
        Assert.Equal(Nightly.SubmitArguments, document.Entries[0].SubmitArguments);
        Assert.Equal((OverlapPolicy.Queue, MisfirePolicy.Skip, "Europe/Berlin"), (document.Entries[0].Overlap, document.Entries[0].Misfire, document.Entries[0].TimeZoneId));
        Assert.True(document.Entries[1].Paused);
    }
}
