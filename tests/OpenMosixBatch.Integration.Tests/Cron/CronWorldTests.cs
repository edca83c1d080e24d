using System.Diagnostics;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Cron;

/// <summary>Scheduled runs on a real server with a real mpiexec.hydra world: they run to completion, and pause stops new ones.</summary>
[Collection("World")]
[Trait("Category", "Mpi")]
public sealed class CronWorldTests
{
    [Fact]
    public async Task EverySecond_RunsCompleteOnTheWorldWithExitZeroAndOutputFiles_PauseStopsNewRuns()
    {
        await using var w = await WorldServer.StartAsync(nodes: 1);
        var add = await w.Omb.RunInAsync(w.WorkDirectory, null, "cron", "add", "ticker", "--schedule", "* * * * * ?", "--", Repository.Jobs("hello.sh"));
        Assert.True(add.ExitCode == 0, "cron add: " + add);

        await w.WaitForAsync(async () => (await RunsAsync(w)).Count(j => j.State.IsFinished()) >= 3, TimeSpan.FromSeconds(60), "three finished runs of ticker");

        var pause = await w.Omb.RunAsync("cron", "pause", "ticker");
        Assert.True(pause.ExitCode == 0, "cron pause: " + pause);
        var atPause = await RunsAsync(w);
        await w.WaitForAsync(async () => (await RunsAsync(w)).All(j => j.State.IsFinished()), TimeSpan.FromSeconds(60), "the runs submitted before the pause to finish");

        // Real time passing is the point: three fire times go by while paused and none may submit.
        await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System);
        var runs = await RunsAsync(w);
        Assert.Equal(atPause.Select(j => j.Id).Order(), runs.Select(j => j.Id).Order());

        Assert.True(runs.Count >= 3, $"only {runs.Count} runs");
        foreach (var job in runs)
        {
            Assert.True((job.State, job.ExitStatus) == (JobState.Completed, 0), $"run {job.Id} ended {job.State} with exit {job.ExitStatus}");
            Assert.Equal("ticker", job.ScheduleName);
            Assert.Equal(0, job.ScheduledFireTime!.Value.Millisecond);
            var output = File.ReadAllText(Path.Combine(w.WorkDirectory, $"hello.o{job.Id}"));
            Assert.StartsWith($"hello from job {job.Id} (hello) on node1", output, StringComparison.Ordinal);
        }

        Assert.Equal(runs.Count, runs.Select(j => j.ScheduledFireTime).Distinct().Count());
    }

    /// <summary>Every job the schedule submitted, finished ones included.</summary>
    private static async Task<IReadOnlyList<Job>> RunsAsync(WorldServer w)
    {
        var jobs = new List<Job>();
        foreach (var summary in await ServerFixture.AllJobsAsync(w.Omb))
        {
            var job = await w.JobAsync(summary.Id);
            if (job.ScheduleName == "ticker")
            {
                jobs.Add(job);
            }
        }

        return jobs;
    }
}
