using System.Diagnostics;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Cron;

/// <summary>omb cron through the real CLI against a real server: firing, pause and resume, restart, refusals.</summary>
public sealed class CronScheduleTests
{
    [Fact]
    public async Task EverySecond_CreatesJobsInQstatWithTheScheduleName_PauseStopsThem_ResumeRestartsThem()
    {
        using var home = new TempDirectory();
        var omb = new Omb(home.Path);
        await using var server = await ServerProcess.StartAsync(home.Path);

        var add = await omb.RunAsync("cron", "add", "ticker", "--schedule", "* * * * * ?", "--overlap", "allow", "--", Repository.Jobs("hello.sh"));
        Assert.True(add.ExitCode == 0, "cron add: " + add);
        Assert.StartsWith("ticker: next fire ", add.Stdout, StringComparison.Ordinal);

        var first = await PollJobsAsync(omb, "ticker", 2, "jobs from the every-second schedule");
        var full = await omb.RunAsync("qstat", "-f", first[0]);
        Assert.Contains("schedule = ticker", full.Stdout, StringComparison.Ordinal);
        Assert.Contains("schedule_fire_time = ", full.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await omb.RunAsync("cron", "pause", "ticker")).ExitCode);
        var afterPause = (await ScheduledJobsAsync(omb, "ticker")).Count;
        await WaitRealAsync(TimeSpan.FromSeconds(2.5));
        Assert.Equal(afterPause, (await ScheduledJobsAsync(omb, "ticker")).Count);
        var list = await omb.RunAsync("cron", "list");
        Assert.Matches(@"ticker +\S+ +\* \* \* \* \* \? +- +- +\d+ +Q +yes", list.Stdout);

        Assert.Equal(0, (await omb.RunAsync("cron", "resume", "ticker")).ExitCode);
        await PollJobsAsync(omb, "ticker", afterPause + 1, "jobs after resume");
    }

    [Fact]
    public async Task Restart_KeepsTheScheduleAndItsNextFireTime()
    {
        using var home = new TempDirectory();
        var omb = new Omb(home.Path);
        var server = await ServerProcess.StartAsync(home.Path);
        try
        {
            var add = await omb.RunAsync("cron", "add", "nightly", "--schedule", "0 2 * * *", "--timezone", "Europe/Berlin", "--", "-l", "mem=64mb", Repository.Jobs("hello.sh"));
            Assert.True(add.ExitCode == 0, "cron add: " + add);
            var before = await ShowJsonAsync(omb, "nightly");

            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(home.Path);

            var after = await ShowJsonAsync(omb, "nightly");
            Assert.NotNull(before.Schedule.NextFireTime);
            Assert.Equal(before.Schedule.NextFireTime, after.Schedule.NextFireTime);
            Assert.Equal(("0 2 * * *", "Europe/Berlin"), (after.Schedule.Expression, after.Schedule.TimeZoneId));
            var export = await omb.RunAsync("cron", "export");
            Assert.Contains("TIMEZONE=Europe/Berlin\nnightly 0 2 * * * -- -l mem=64mb " + Repository.Jobs("hello.sh"), export.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("0 2 * 13 *", "hello.sh", "field 4 (month) '13' is out of range 1-12")]
    [InlineData("0 2 * * *", "missing.sh", "script 'missing.sh' not found")]
    public async Task BadInput_IsRefusedWithOneLine_AndNothingIsStored(string schedule, string script, string expected)
    {
        using var home = new TempDirectory();
        var omb = new Omb(home.Path);
        await using var server = await ServerProcess.StartAsync(home.Path);

        var r = await omb.RunInAsync(Repository.Root + "/jobs", null, "cron", "add", "bad", "--schedule", schedule, "--", script);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("[]", (await omb.RunAsync("cron", "list", "--json")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_UnknownTimezoneDuplicateNameAndBadImport_AreRefusedAndStoreNothing()
    {
        using var home = new TempDirectory();
        var omb = new Omb(home.Path);
        await using var server = await ServerProcess.StartAsync(home.Path);
        var hello = Repository.Jobs("hello.sh");
        Assert.Equal(0, (await omb.RunAsync("cron", "add", "keep", "--schedule", "@daily", "--", hello)).ExitCode);

        var zone = await omb.RunAsync("cron", "add", "z", "--schedule", "@daily", "--timezone", "Mars/Olympus", "--", hello);
        var duplicate = await omb.RunAsync("cron", "add", "keep", "--schedule", "@hourly", "--", hello);
        File.WriteAllText(home.File("bad.cron"), $"one @daily -- {hello}\ntwo 0 25 * * * -- {hello}\n");
        var import = await omb.RunAsync("cron", "import", home.File("bad.cron"));

        Assert.Equal((2, 2, 2), (zone.ExitCode, duplicate.ExitCode, import.ExitCode));
        Assert.Contains("unknown timezone 'Mars/Olympus'", zone.Stderr, StringComparison.Ordinal);
        Assert.Contains("'keep' is already used", duplicate.Stderr, StringComparison.Ordinal);
        Assert.Contains("schedule 'two': ", import.Stderr, StringComparison.Ordinal);
        var names = (await ListAsync(omb)).Select(s => s.Name);
        Assert.Equal(["keep"], names);
    }

    private static async Task<ScheduleDetailResponse> ShowJsonAsync(Omb omb, string name)
    {
        var r = await omb.RunAsync("cron", "show", name, "--json");
        Assert.True(r.ExitCode == 0, "cron show: " + r);
        return JsonSerializer.Deserialize(r.Stdout, OmbJsonContext.Default.ScheduleDetailResponse)!;
    }

    private static async Task<IReadOnlyList<ScheduleSummary>> ListAsync(Omb omb)
    {
        var r = await omb.RunAsync("cron", "list", "--json");
        Assert.True(r.ExitCode == 0, "cron list: " + r);
        return JsonSerializer.Deserialize(r.Stdout, OmbJsonContext.Default.ScheduleListResponse)!.Schedules;
    }

    /// <summary>Ids of the jobs the schedule submitted, from qstat -f --json of every job.</summary>
    private static async Task<IReadOnlyList<string>> ScheduledJobsAsync(Omb omb, string schedule)
    {
        var ids = new List<string>();
        foreach (var job in await ServerFixture.AllJobsAsync(omb))
        {
            var r = await omb.RunAsync("qstat", "-f", "--json", job.Id);
            var detail = JsonSerializer.Deserialize(r.Stdout, OmbJsonContext.Default.JobDetailResponse);
            if (detail?.Job.ScheduleName == schedule)
            {
                ids.Add(job.Id);
            }
        }

        return ids;
    }

    private static async Task<IReadOnlyList<string>> PollJobsAsync(Omb omb, string schedule, int atLeast, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var ids = await ScheduledJobsAsync(omb, schedule);
            if (ids.Count >= atLeast)
            {
                return ids;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"waiting for {atLeast} {what}: saw {ids.Count}");
            await WaitRealAsync(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Real time passing is what the pause test is about: no fire may happen in it.</summary>
    private static Task WaitRealAsync(TimeSpan span) => Task.Delay(span, TimeProvider.System);
}
