using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Tests.Hosting;

namespace OpenMosixBatch.Server.Tests.Api;

/// <summary>The /v1/schedules endpoints over a real Unix socket, driven by the client omb cron uses.</summary>
public sealed class ScheduleEndpointsTests() : RunningServerTests("omb-cron-api-")
{
    [Fact]
    public async Task AddListShowRunPauseResumeDelete_RoundTrip()
    {
        var added = Assert.Single((await Client.AddScheduleAsync(Request("nightly", "0 2 * * *"))).Schedules);
        Assert.Equal((Environment.UserName, false), (added.Owner, added.Paused));
        Assert.NotNull(added.NextFireTime);

        var row = Assert.Single((await Client.ListSchedulesAsync()).Schedules);
        Assert.Equal(("nightly", "0 2 * * *", "UTC"), (row.Name, row.Expression, row.TimeZoneId));
        var detail = await Client.GetScheduleAsync("nightly");
        Assert.Equal("0 0 2 * * ?", detail.QuartzExpression);
        Assert.Equal(ScheduleViewsUpcoming, detail.UpcomingFireTimes.Count);

        var run = await Client.RunScheduleAsync("nightly");
        var job = (await Client.GetJobAsync(run.DisplayId!)).Job;
        Assert.Equal("nightly", job.ScheduleName);
        Assert.NotNull(job.ScheduledFireTime);
        Assert.Equal('Q', Assert.Single((await Client.ListSchedulesAsync()).Schedules).LastJobState);

        Assert.True(Assert.Single((await Client.PauseScheduleAsync("nightly")).Schedules).Paused);
        Assert.Null(Assert.Single((await Client.ListSchedulesAsync()).Schedules).NextFireTime);
        Assert.False(Assert.Single((await Client.ResumeScheduleAsync("nightly")).Schedules).Paused);
        await Client.DeleteScheduleAsync("nightly");
        Assert.Empty((await Client.ListSchedulesAsync()).Schedules);
    }

    [Fact]
    public async Task Add_BadField_IsBadInputNamingTheField_AndImportIsAllOrNothing()
    {
        var bad = await Assert.ThrowsAsync<ApiException>(() => Client.AddScheduleAsync(Request("bad", "0 2 * 13 *")));
        var import = await Assert.ThrowsAsync<ApiException>(() => Client.ImportSchedulesAsync(
            new ScheduleImportRequest([Request("one", "@daily"), Request("two", "*/5 * * * * ? 1969")])));

        Assert.Equal(ApiErrorKind.BadInput, bad.Error.Kind);
        Assert.Contains("field 4 (month)", bad.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith("schedule 'two': ", import.Error.Message, StringComparison.Ordinal);
        Assert.Empty((await Client.ListSchedulesAsync()).Schedules);

        var stored = await Client.ImportSchedulesAsync(new ScheduleImportRequest([Request("one", "@daily"), Request("two", "@hourly")]));
        Assert.Equal(["one", "two"], stored.Schedules.Select(s => s.Name));
    }

    [Fact]
    public async Task UnknownSchedule_IsRefused()
    {
        var e = await Assert.ThrowsAsync<ApiException>(() => Client.GetScheduleAsync("ghost"));

        Assert.Equal((ApiErrorKind.Refused, "unknown schedule 'ghost': see the names with 'omb cron list'"), (e.Error.Kind, e.Error.Message));
    }

    private const int ScheduleViewsUpcoming = 5;

    private static ScheduleAddRequest Request(string name, string expression) => new(
        name,
        expression,
        "UTC",
        OverlapPolicy.Skip,
        MisfirePolicy.Once,
        false,
        new SubmitRequest(new JobSpec { Name = "hello.sh", Script = "#!/bin/sh\necho hi\n", WorkingDirectory = "/tmp", SubmitDirectory = "/tmp" }),
        ["jobs/hello.sh"]);
}
