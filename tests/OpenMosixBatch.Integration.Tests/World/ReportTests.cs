using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// omb report against a real server and world: the figures of jobs whose CPU use is known (jobs/cpu-bound.sh keeps one
/// CPU busy; sleep uses none) match their records, a user sees only their own, and the formats are what they say.
/// </summary>
[Collection("World")]
public sealed class ReportTests(OneNodeWorld fixture) : IClassFixture<OneNodeWorld>
{
    private WorldServer W => fixture.World;

    [Fact]
    public async Task Report_CountsTheFinishedJobsCpuAndWaits_AsTheirRecordsSay()
    {
        var from = TimeProvider.System.GetUtcNow().AddSeconds(-1);
        var busy = await W.QsubAsync(Repository.Jobs("cpu-bound.sh"), "400000");
        var busy2 = await W.QsubAsync("-l", "ncpus=2", Repository.Jobs("cpu-bound.sh"), "200000");
        var idle = await W.QsubAsync("--", "/bin/sleep", "2");
        var jobs = new List<Job>();
        foreach (var id in new[] { busy, busy2, idle })
        {
            jobs.Add(await W.WaitFinishedAsync(id));
        }

        var to = TimeProvider.System.GetUtcNow().AddSeconds(1);
        Assert.All(jobs, j => Assert.Equal(JobState.Completed, j.State));
        Assert.True(jobs[0].Tasks[0].CpuTime > TimeSpan.FromMilliseconds(200), $"cpu-bound.sh used {jobs[0].Tasks[0].CpuTime} of CPU");
        Assert.True(jobs[2].Tasks[0].CpuTime < TimeSpan.FromMilliseconds(200), $"sleep used {jobs[2].Tasks[0].CpuTime} of CPU");

        var report = await ReportAsync(W.Omb.RunAsync("report", "--json", "--start", Iso(from), "--end", Iso(to)));
        Assert.True(report.AllUsers);
        var total = report.Rows.Single(r => r.By == "total");
        Assert.Equal(3, total.Jobs);
        var used = jobs.Sum(j => j.Tasks[0].CpuTime.TotalSeconds);
        var allocated = jobs.Sum(j => j.Spec.Resources.TotalCpus * (j.Tasks[0].EndTime!.Value - j.Tasks[0].StartTime!.Value).TotalSeconds);
        Assert.Equal(used, total.CpuHoursUsed * 3600, 3);
        Assert.Equal(allocated, total.CpuHoursAllocated * 3600, 3);
        Assert.Equal(used / allocated, total.Efficiency, 6);
        var waits = jobs.Select(j => (j.Tasks[0].StartTime!.Value - j.SubmitTime).TotalSeconds).Order().ToList();
        Assert.Equal(waits.Average(), total.MeanWaitSeconds, 3);
        // The p95 comes from a wait histogram (the daily rollups'): within its relative error, or its floor, of the exact nearest rank.
        Assert.InRange(total.P95WaitSeconds, (waits[^1] * (1 - WaitHistogram.RelativeError)) - WaitHistogram.FloorSeconds, waits[^1] + 1e-3);
        Assert.Equal(3, report.Rows.Single(r => r.By == "user" && r.Key == "root").Jobs);
        Assert.Equal(3, report.Rows.Single(r => r.By == "queue" && r.Key == "batch").Jobs);

        var csv = await W.Omb.RunAsync("report", "--csv", "--start", Iso(from), "--end", Iso(to));
        Assert.StartsWith("by,name,jobs,cpu_hours_allocated,", csv.Stdout, StringComparison.Ordinal);
        Assert.Contains("\ntotal,total,3,", csv.Stdout, StringComparison.Ordinal);
        var table = await W.Omb.RunAsync("report", "--start", Iso(from), "--end", Iso(to));
        Assert.Contains("(all users)", table.Stdout, StringComparison.Ordinal);

        var bad = await W.Omb.RunAsync("report", "--start", "yesterday");
        Assert.True(bad.ExitCode == 2, "report --start yesterday: " + bad);
        Assert.Single(bad.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        if (TestUser.SkipReason is null)
        {
            using var ada = await TestUser.CreateAsync("omb-rp-ada" + Environment.GetEnvironmentVariable("OMB_TEST_USER_SUFFIX"));
            var own = await ReportAsync(ada.RunOmbAsync(W.Home, "report", "--json", "--start", Iso(from), "--end", Iso(to)));
            Assert.False(own.AllUsers);
            Assert.Equal(0, own.Rows.Single(r => r.By == "total").Jobs);
        }
    }

    private static async Task<UsageReportResponse> ReportAsync(Task<CommandResult> run)
    {
        var r = await run;
        Assert.True(r.ExitCode == 0, "omb report: " + r);
        return JsonSerializer.Deserialize(r.Stdout, OmbJsonContext.Default.UsageReportResponse)!;
    }

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
