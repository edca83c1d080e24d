using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Api;

namespace OpenMosixBatch.Server.Tests.Api;

public sealed class JobListingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static Job Make(long id, string name, string user, ArraySpec? array = null, bool held = false) =>
        JobStateRules.Submit(id, new JobSpec { Name = name, Script = "x", WorkingDirectory = "/", SubmitDirectory = "/", Array = array, Held = held },
            new JobOwner(1000, 1000, user), T0);

    private static List<Job> Jobs()
    {
        var ended = JobStateRules.Delete(Make(3, "gone", "bob"), null, "bob", T0).Job!;
        var timed = Make(4, "cpu", "alice", new ArraySpec([1, 5, 9]));
        timed = timed with { Tasks = [.. timed.Tasks.Select(t => t with { CpuTime = TimeSpan.FromSeconds(3725.5) })] };
        return
        [
            Make(1, "plain", "alice"),
            Make(2, "quote\" <tag> & é \u0001", "bob", new ArraySpec([0, 1]), held: true),
            ended,
            timed,
        ];
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Body_IsWhatTheSerializerWritesForTheRows(bool finished, bool tasks)
    {
        var jobs = Jobs();
        var expected = JsonSerializer.SerializeToUtf8Bytes(new JobListResponse(JobViews.Rows(jobs, finished, tasks)), OmbJsonContext.Default.JobListResponse);

        var body = JobListing.Body(jobs, finished, tasks, expectedRows: 1);

        Assert.Equal(expected, body.ToArray());
    }

    [Fact]
    public void Body_OfNoJobs_IsAnEmptyList()
    {
        var body = JobListing.Body([], false, false, expectedRows: 0);

        Assert.Empty(JsonSerializer.Deserialize(body.Span, OmbJsonContext.Default.JobListResponse)!.Jobs);
    }
}
