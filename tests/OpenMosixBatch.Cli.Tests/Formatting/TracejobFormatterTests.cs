using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Cli.Tests.Formatting;

public sealed class TracejobFormatterTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 6, 21, 40, 1, TimeSpan.Zero);

    private static Job Job(JobState state)
    {
        var spec = new JobSpec { Name = "j", WorkingDirectory = "/w", SubmitDirectory = "/w" };
        var job = JobStateRules.Submit(42, spec, new JobOwner(1000, 1000, "ada"), T);
        return job with
        {
            State = state,
            ExitStatus = state.IsFinished() ? 3 : null,
            Tasks = [job.Tasks[0] with { State = state, CpuTime = TimeSpan.FromSeconds(75), PeakRssBytes = 2 << 20, Migrations = 1, Requeues = 2 }],
        };
    }

    [Fact]
    public void Format_FinishedJob_ListsEventsInTheZone_ThenItsEnd()
    {
        var events = new[]
        {
            new JobEvent(42, T, "submitted", "submitted by ada to queue batch"),
            new JobEvent(42, T.AddMinutes(1), "failed", "42 on node1 ended with status 3"),
        };

        var text = TracejobFormatter.Format(new JobEventsResponse(Job(JobState.Failed), events), TimeZoneInfo.CreateCustomTimeZone("plus1", TimeSpan.FromHours(1), "plus1", "plus1"));

        Assert.Equal(
            "Job: 42\n\n" +
            "12/06/2026 22:40:01  submitted  submitted by ada to queue batch\n" +
            "12/06/2026 22:41:01  failed     42 on node1 ended with status 3\n" +
            "\njob_state = F  exit_status = 3  resources_used.cput = 00:01:15  resources_used.mem = 2048kb  migrations = 1  requeues = 2\n",
            text);
    }

    [Fact]
    public void Format_RunningJobWithoutEventsInThePeriod_SaysSo_AndHasNoEndLine()
    {
        var text = TracejobFormatter.Format(new JobEventsResponse(Job(JobState.Running), []), TimeZoneInfo.Utc);

        Assert.Equal("Job: 42\n\n(no events in the period asked for)\n", text);
    }

    [Fact]
    public void Format_ControlCharactersInADetail_StayOnOneLine()
    {
        var text = TracejobFormatter.Format(new JobEventsResponse(Job(JobState.Running), [new JobEvent(42, T, "signalled", "a\nb")]), TimeZoneInfo.Utc);

        Assert.Equal(3, text.Count(c => c == '\n'));
    }
}
