using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Cron;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Cron;

/// <summary>The cron service on a fake clock: fires, overlap, misfire after downtime, pause and resume, @reboot, refusals.</summary>
public sealed class CronScheduleServiceTests
{
    private static readonly DateTimeOffset Start = CronHarness.Start;

    [Fact]
    public async Task Fire_EverySecond_SubmitsOneJobPerFireAsTheOwnerWithScheduleAndFireTime()
    {
        await using var h = await CronHarness.StartAsync();
        await h.Cron.AddAsync([CronHarness.Schedule("tick", "* * * * * ?", OverlapPolicy.Allow)], CronHarness.Alice, CancellationToken.None);
        Assert.Equal(Start.AddSeconds(1), h.Stored("tick").NextFireTime);

        await h.AdvanceUntilFiredAsync(TimeSpan.FromSeconds(1), "tick", Start.AddSeconds(1));
        await h.AdvanceUntilFiredAsync(TimeSpan.FromSeconds(1), "tick", Start.AddSeconds(2));

        var jobs = h.JobsOf("tick");
        Assert.Equal([Start.AddSeconds(1), Start.AddSeconds(2)], jobs.Select(j => j.ScheduledFireTime!.Value));
        Assert.All(jobs, j => Assert.Equal(("alice", 1000u, JobState.Queued), (j.Owner.UserName, j.Owner.Uid, j.State)));
        var stored = h.Stored("tick");
        Assert.Equal((jobs[1].Id, Start.AddSeconds(3)), (stored.LastJobId, stored.NextFireTime));
        Assert.Contains(h.Queue.EventsOf(jobs[0].Id), e => e.Detail.Contains("schedule tick for alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fire_OverlapSkip_PreviousRunStillRunning_SubmitsNothingAndRecordsWhy()
    {
        await using var h = await FireNightlyAfterPreviousRunAsync(JobState.Running);

        Assert.Empty(h.JobsOf("nightly"));
        var stored = h.Stored("nightly");
        Assert.Contains("previous run 1 is still running (R)", stored.LastSkipReason, StringComparison.Ordinal);
        Assert.Equal((1L, Start.AddMinutes(2)), (stored.LastJobId, stored.NextFireTime));
    }

    [Fact]
    public async Task Fire_OverlapQueue_PreviousRunStillRunning_SubmitsAfteranyThePreviousRun()
    {
        await using var h = await FireNightlyAfterPreviousRunAsync(JobState.Running, OverlapPolicy.Queue);

        var job = Assert.Single(h.JobsOf("nightly"));
        Assert.Equal([new Dependency(DependencyType.AfterAny, 1)], job.Spec.Dependencies);
        Assert.Equal(JobState.Waiting, job.State);
        Assert.Equal(job.Id, h.Stored("nightly").LastJobId);
    }

    [Fact]
    public async Task Fire_OverlapAllow_PreviousRunStillRunning_SubmitsBesideIt()
    {
        await using var h = await FireNightlyAfterPreviousRunAsync(JobState.Running, OverlapPolicy.Allow);

        var job = Assert.Single(h.JobsOf("nightly"));
        Assert.Empty(job.Spec.Dependencies);
        Assert.Equal(JobState.Queued, job.State);
    }

    [Fact]
    public async Task Fire_OverlapSkip_PreviousRunFinished_Submits()
    {
        await using var h = await FireNightlyAfterPreviousRunAsync(JobState.Completed);

        Assert.Single(h.JobsOf("nightly"));
        Assert.Null(h.Stored("nightly").LastSkipReason);
    }

    [Fact]
    public async Task Start_AfterFiveHoursDown_MisfireOnce_FiresOnceForTheLatestMissedTime()
    {
        var schedule = CronHarness.Schedule("hourly", "0 * * * *") with { NextFireTime = Start.AddHours(-5) };
        await using var h = await CronHarness.StartAsync(schedules: [schedule], now: Start.AddMinutes(30));

        await CronHarness.WaitForAsync(() => h.Stored("hourly").LastFireTime is not null, () => $"{h.Stored("hourly")}");

        var job = Assert.Single(h.JobsOf("hourly"));
        Assert.Equal(Start, job.ScheduledFireTime);
        Assert.Equal(Start.AddHours(1), h.Stored("hourly").NextFireTime);
    }

    [Fact]
    public async Task Start_AfterDowntime_MisfireSkip_FiresNothingAndRecordsWhy()
    {
        var schedule = CronHarness.Schedule("hourly", "0 * * * *", misfire: MisfirePolicy.Skip) with { NextFireTime = Start.AddHours(-5) };
        await using var h = await CronHarness.StartAsync(schedules: [schedule], now: Start.AddMinutes(30));

        await CronHarness.WaitForAsync(() => h.Stored("hourly").LastFireTime == Start, () => $"{h.Stored("hourly")}");

        Assert.Empty(h.JobsOf("hourly"));
        Assert.Contains("misfire policy skip", h.Stored("hourly").LastSkipReason, StringComparison.Ordinal);
        Assert.Equal(Start.AddHours(1), h.Stored("hourly").NextFireTime);
    }

    [Fact]
    public async Task PauseResume_PausedSchedule_FiresNothingUntilResumed_AndNotTheTimesPassedWhilePaused()
    {
        await using var h = await CronHarness.StartAsync();
        await h.Cron.AddAsync([CronHarness.Schedule("tick", "* * * * * ?", OverlapPolicy.Allow)], CronHarness.Alice, CancellationToken.None);

        var paused = await h.Cron.SetPausedAsync("tick", null, true, CronHarness.Alice, CancellationToken.None);
        Assert.DoesNotContain(new ScheduleKey(1000, "tick"), h.Timer!.Armed.Keys);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(paused.NextFireTime);
        Assert.Empty(h.JobsOf("tick"));

        var resumed = await h.Cron.SetPausedAsync("tick", null, false, CronHarness.Alice, CancellationToken.None);
        Assert.Equal(Start.AddSeconds(6), resumed.NextFireTime);
        Assert.Equal(Start.AddSeconds(6), h.Timer.Armed[new ScheduleKey(1000, "tick")]);
        await h.AdvanceUntilFiredAsync(TimeSpan.FromSeconds(1), "tick", Start.AddSeconds(6));
        Assert.Equal(Start.AddSeconds(6), Assert.Single(h.JobsOf("tick")).ScheduledFireTime);
    }

    [Fact]
    public async Task Start_AtRebootSchedule_FiresOnceAtStart_PausedOneDoesNot()
    {
        await using var h = await CronHarness.StartAsync(schedules:
            [CronHarness.Schedule("warmup", "@reboot"), CronHarness.Schedule("off", "@reboot") with { Paused = true }]);

        var job = Assert.Single(h.JobsOf("warmup"));
        Assert.Equal(Start, job.ScheduledFireTime);
        Assert.Empty(h.JobsOf("off"));
        Assert.Null(h.Stored("warmup").NextFireTime);
    }

    [Fact]
    public async Task RunNow_SubmitsAtOnce_AndSecondRunIsSkippedByTheOverlapPolicy()
    {
        await using var h = await CronHarness.StartAsync();
        await h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 2 * * *")], CronHarness.Alice, CancellationToken.None);

        var first = await h.Cron.RunNowAsync("nightly", null, CronHarness.Alice, CancellationToken.None);
        var second = await h.Cron.RunNowAsync("nightly", null, CronHarness.Alice, CancellationToken.None);

        Assert.Equal(1, first.JobId);
        Assert.Null(second.JobId);
        Assert.Contains("still queued (Q)", second.SkipReason, StringComparison.Ordinal);
        Assert.Equal(Start.AddDays(1).AddHours(-10), h.Stored("nightly").NextFireTime);
    }

    [Theory]
    [InlineData("0 25 * * *", "field 2 (hour) '25' is out of range 0-23")]
    [InlineData("0 99 * * *", "field 2 (hour) '99' is out of range 0-23")]
    [InlineData("0 0 99 * * ?", "field 3 (hour) '99' is out of range 0-23")]
    [InlineData("0 2 * *", "has 4 fields")]
    [InlineData("@sometimes", "unknown schedule macro")]
    public async Task Add_InvalidExpression_IsRefusedNamingTheFieldAndStoresNothing(string expression, string expected)
    {
        await using var h = await CronHarness.StartAsync();

        var e = await Assert.ThrowsAsync<QueueRefusalException>(() =>
            h.Cron.AddAsync([CronHarness.Schedule("bad", expression)], CronHarness.Alice, CancellationToken.None));

        Assert.Equal(ApiErrorKind.BadInput, e.Error.Kind);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(h.Schedules.Load());
    }

    [Fact]
    public async Task Add_UnknownTimezoneMissingScriptOrImpossibleJob_IsRefusedAndStoresNothing()
    {
        await using var h = await CronHarness.StartAsync();
        var good = CronHarness.Schedule("nightly", "0 2 * * *");

        async Task<string> Refusal(Schedule s) =>
            (await Assert.ThrowsAsync<QueueRefusalException>(() => h.Cron.AddAsync([s], CronHarness.Alice, CancellationToken.None))).Message;

        Assert.Contains("unknown timezone 'Mars/Olympus'", await Refusal(good with { TimeZoneId = "Mars/Olympus" }), StringComparison.Ordinal);
        Assert.Contains("missing script", await Refusal(good with { SubmitArguments = [] }), StringComparison.Ordinal);
        Assert.Contains("unknown queue 'nowhere'", await Refusal(good with { Job = good.Job with { Queue = "nowhere" } }), StringComparison.Ordinal);
        Assert.Contains("largest node", await Refusal(good with { Job = good.Job with { Resources = new ResourceRequest(CpusPerChunk: 64) } }), StringComparison.Ordinal);
        Assert.Empty(h.Schedules.Load());
    }

    [Fact]
    public async Task Add_DuplicateName_OrOneBadScheduleOfMany_StoresNothingNew()
    {
        await using var h = await CronHarness.StartAsync();
        await h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 2 * * *")], CronHarness.Alice, CancellationToken.None);

        var duplicate = await Assert.ThrowsAsync<QueueRefusalException>(() =>
            h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 3 * * *")], CronHarness.Alice, CancellationToken.None));
        var many = await Assert.ThrowsAsync<QueueRefusalException>(() => h.Cron.AddAsync(
            [CronHarness.Schedule("a", "0 3 * * *"), CronHarness.Schedule("b", "0 25 * * *")], CronHarness.Alice, CancellationToken.None));

        Assert.Contains("'nightly' is already used", duplicate.Message, StringComparison.Ordinal);
        Assert.StartsWith("schedule 'b': ", many.Message, StringComparison.Ordinal);
        Assert.Equal(["nightly"], h.Schedules.Load().Select(s => s.Name));
        Assert.Equal("0 2 * * *", h.Stored("nightly").Expression);
    }

    [Fact]
    public async Task Add_NameAnotherUserHas_IsTheirOwnSchedule_BothKeptAndArmedApart()
    {
        await using var h = await CronHarness.StartAsync();
        await h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 2 * * *")], CronHarness.Alice, CancellationToken.None);

        await h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 3 * * *")], CronHarness.Bob, CancellationToken.None);

        var stored = h.Schedules.Load();
        Assert.Equal([("alice", "0 2 * * *"), ("bob", "0 3 * * *")], stored.Select(s => (s.Owner.UserName, s.Expression)));
        Assert.Equal([new(1000, "nightly"), new ScheduleKey(1001, "nightly")], h.Timer!.Armed.Keys.Order(ScheduleKey.Order));
        await h.Cron.DeleteAsync("nightly", null, CronHarness.Bob, CancellationToken.None);
        Assert.Equal("alice", Assert.Single(h.Schedules.Load()).Owner.UserName);
        Assert.Equal([new ScheduleKey(1000, "nightly")], h.Timer.Armed.Keys);
    }

    [Fact]
    public async Task Changes_ByAnotherUser_AreRefusedAsAnUnknownSchedule_ByTheOwnerOrAnAdministratorDone()
    {
        await using var h = await CronHarness.StartAsync();
        await h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 2 * * *")], CronHarness.Alice, CancellationToken.None);
        var unknown = CronScheduleService.UnknownSchedule("nightly");

        foreach (var owner in new uint?[] { null, 1000 })
        {
            var refusals = new[]
            {
                await Assert.ThrowsAsync<QueueRefusalException>(() => h.Cron.DeleteAsync("nightly", owner, CronHarness.Bob, CancellationToken.None)),
                await Assert.ThrowsAsync<QueueRefusalException>(() => h.Cron.SetPausedAsync("nightly", owner, true, CronHarness.Bob, CancellationToken.None)),
                await Assert.ThrowsAsync<QueueRefusalException>(() => h.Cron.RunNowAsync("nightly", owner, CronHarness.Bob, CancellationToken.None)),
            };
            Assert.All(refusals, e => Assert.Equal(unknown, e.Error));
            Assert.Null(h.Cron.FindVisible("nightly", owner, CronHarness.Bob));
        }

        Assert.Equal("unknown schedule 'nightly': see the names with 'omb cron list'", unknown.Message);
        Assert.False(h.Stored("nightly").Paused);
        Assert.Empty(h.Queue.State.Jobs);
        Assert.True((await h.Cron.SetPausedAsync("nightly", null, true, CronHarness.Root, CancellationToken.None)).Paused);
        Assert.False((await h.Cron.SetPausedAsync("nightly", 1000, false, CronHarness.Root, CancellationToken.None)).Paused);
        await h.Cron.DeleteAsync("nightly", null, CronHarness.Alice, CancellationToken.None);
        Assert.Empty(h.Schedules.Load());
    }

    [Fact]
    public async Task FindVisible_AdministratorWithoutOwner_TakesTheOneOfThatName_AndAsksForTheOwnerWhenSeveral()
    {
        await using var h = await CronHarness.StartAsync();
        await h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 2 * * *")], CronHarness.Alice, CancellationToken.None);
        Assert.Equal("alice", h.Cron.FindVisible("nightly", null, CronHarness.Root)!.Schedule.Owner.UserName);

        await h.Cron.AddAsync([CronHarness.Schedule("nightly", "0 3 * * *")], CronHarness.Bob, CancellationToken.None);

        var e = Assert.Throws<QueueRefusalException>(() => h.Cron.FindVisible("nightly", null, CronHarness.Root));
        Assert.Equal("2 users have a schedule 'nightly' (alice, bob): name the owner, e.g. omb cron show nightly -u alice", e.Message);
        Assert.Equal("bob", h.Cron.FindVisible("nightly", 1001, CronHarness.Root)!.Schedule.Owner.UserName);
    }

    /// <summary>
    /// The nightly schedule (<paramref name="overlap"/>) fired a minute after the start, while its previous run, job 1,
    /// is in <paramref name="previous"/>.
    /// </summary>
    private static async Task<CronHarness> FireNightlyAfterPreviousRunAsync(JobState previous, OverlapPolicy overlap = OverlapPolicy.Skip)
    {
        var schedule = CronHarness.Schedule("nightly", "0 * * * * ?", overlap) with { LastJobId = 1, NextFireTime = Start.AddMinutes(1) };
        var h = await CronHarness.StartAsync([CronHarness.PreviousRun(1, previous)], [schedule]);
        try
        {
            await h.AdvanceUntilFiredAsync(TimeSpan.FromMinutes(1), "nightly", Start.AddMinutes(1));
            return h;
        }
        catch
        {
            await h.DisposeAsync();
            throw;
        }
    }
}
