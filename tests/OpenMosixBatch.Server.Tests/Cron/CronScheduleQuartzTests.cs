using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Server.Tests.Cron;

/// <summary>
/// The service on its real Quartz scheduler, with Quartz on the same fake clock: the triggers are rebuilt from the store
/// at start, follow add, pause, resume and rm, and a Quartz fire submits the run for its fire time.
/// </summary>
public sealed class CronScheduleQuartzTests
{
    private static readonly DateTimeOffset Start = CronHarness.Start;

    [Fact]
    public async Task Start_RebuildsOneQuartzTriggerPerActiveScheduleAtItsStoredNextFireTime()
    {
        await using var h = await CronHarness.StartAsync(quartz: true, schedules:
        [
            CronHarness.Schedule("nightly", "0 2 * * *") with { NextFireTime = Start.AddHours(14) },
            CronHarness.Schedule("fresh", "0 * * * *"),
            CronHarness.Schedule("off", "0 2 * * *") with { Paused = true },
            CronHarness.Schedule("warmup", "@reboot"),
        ]);

        Assert.Equal(Start.AddHours(14), await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "nightly"), CancellationToken.None));
        Assert.Equal(Start.AddHours(1), await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "fresh"), CancellationToken.None));
        Assert.Equal(Start.AddHours(1), h.Stored("fresh").NextFireTime);
        Assert.Null(await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "off"), CancellationToken.None));
        Assert.Null(await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "warmup"), CancellationToken.None));
        Assert.Single(h.JobsOf("warmup"));
    }

    [Fact]
    public async Task Start_AfterDowntime_CatchesUpOnceThenArmsTheTriggerAtTheNextFireTime()
    {
        var schedule = CronHarness.Schedule("hourly", "0 * * * *") with { NextFireTime = Start.AddHours(-5) };
        await using var h = await CronHarness.StartAsync(quartz: true, schedules: [schedule], now: Start.AddMinutes(30));

        Assert.Equal(Start, Assert.Single(h.JobsOf("hourly")).ScheduledFireTime);
        Assert.Equal(Start.AddHours(1), h.Stored("hourly").NextFireTime);
        Assert.Equal(Start.AddHours(1), await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "hourly"), CancellationToken.None));
    }

    [Fact]
    public async Task AddPauseResumeRemove_UpdateTheQuartzTrigger()
    {
        await using var h = await CronHarness.StartAsync(quartz: true);
        var ct = CancellationToken.None;

        await h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 2 * * *") with { TimeZoneId = "Europe/Berlin" }], CronHarness.Alice, ct);
        var berlinTwo = new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(berlinTwo, await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "nightly"), ct));

        await h.Cron.SetPausedAsync("nightly", null, true, CronHarness.Alice, ct);
        Assert.Null(await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "nightly"), ct));

        h.Time.Advance(TimeSpan.FromDays(1));
        await h.Cron.SetPausedAsync("nightly", null, false, CronHarness.Alice, ct);
        Assert.Equal(berlinTwo.AddDays(1), await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "nightly"), ct));
        Assert.Empty(h.JobsOf("nightly"));

        await h.Cron.DeleteAsync("nightly", null, CronHarness.Alice, ct);
        Assert.Null(await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "nightly"), ct));
    }

    [Fact]
    public async Task TwoOwnersOneName_HaveATriggerEach_AndRemovingOneLeavesTheOther()
    {
        await using var h = await CronHarness.StartAsync(quartz: true);
        var ct = CancellationToken.None;
        await h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 2 * * *")], CronHarness.Alice, ct);
        await h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 3 * * *")], CronHarness.Bob, ct);
        var alices = await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "nightly"), ct);

        await h.Cron.DeleteAsync("nightly", null, CronHarness.Bob, ct);

        Assert.Equal(h.Stored("nightly").NextFireTime, alices);
        Assert.Equal(alices, await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "nightly"), ct));
        Assert.Null(await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1001, "nightly"), ct));
    }

    [Fact]
    public async Task QuartzFire_EverySecond_SubmitsRunsForWholeSecondFireTimesAndKeepsStoreAndTriggerInStep()
    {
        await using var h = await CronHarness.StartAsync(quartz: true, now: Start.AddMilliseconds(500));
        await h.Cron.AddAsync([CronHarness.Schedule("tick", "* * * * * ?", OverlapPolicy.Allow)], CronHarness.Alice, CancellationToken.None);
        Assert.Equal(Start.AddSeconds(1), await h.Cron.TriggerFireTimeAsync(new ScheduleKey(1000, "tick"), CancellationToken.None));

        // Quartz runs on its own thread: move the clock a second at a time until it has fired twice.
        for (var step = 0; step < 20 && h.JobsOf("tick").Count < 2; step++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
            await PollAsync(() => h.JobsOf("tick").Count > 0 && h.Stored("tick").NextFireTime > h.Time.GetUtcNow());
        }

        var jobs = h.JobsOf("tick");
        Assert.True(jobs.Count >= 2, $"Quartz fired {jobs.Count} time(s) in 20 virtual seconds");
        Assert.All(jobs, j => Assert.Equal(0, j.ScheduledFireTime!.Value.Millisecond));
        Assert.Equal(Start.AddSeconds(1), jobs.Min(j => j.ScheduledFireTime));
        Assert.Equal(jobs.Count, jobs.Select(j => j.ScheduledFireTime).Distinct().Count());
        Assert.All(jobs, j => Assert.Equal(JobState.Queued, j.State));
    }

    /// <summary>Gives Quartz's thread a moment (real time, bounded) to act on a clock move; never fails by itself.</summary>
    private static async Task PollAsync(Func<bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!done() && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }
}
