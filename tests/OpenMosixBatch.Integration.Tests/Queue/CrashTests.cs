using System.Collections.Concurrent;
using System.Globalization;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Queue;

/// <summary>
/// kill -9 of the server while qsub runs in a loop, or while API clients send batches (POST /v1/jobs/batch), loses no
/// acknowledged job and duplicates none.
/// </summary>
public sealed class CrashTests
{
    private const int Workers = 4;
    private const int BatchSize = 25;

    [Fact]
    public async Task KillNine_MidStream_EveryPrintedIdSurvivesExactlyOnce()
    {
        using var home = new TempDirectory();
        var omb = new Omb(home.Path);
        var acknowledged = new ConcurrentDictionary<string, string>();
        var jobs = await KillThreeTimesAsync(home.Path, acknowledged,
            (round, w, stop) => SubmitUntilStoppedAsync(omb, $"r{round}w{w}", acknowledged, stop),
            () => 20 + Random.Shared.Next(20), "acknowledged submissions before the kill");

        AssertEachAcknowledgedStoredOnce(jobs, acknowledged);
        Assert.True(acknowledged.Count >= 60, "too few submissions to prove anything: " + acknowledged.Count);
    }

    [Fact]
    public async Task KillNine_MidBatchStream_EveryAcknowledgedJobSurvivesExactlyOnce_AndNoJobIsStoredTwice()
    {
        using var home = new TempDirectory();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var jobs = await KillThreeTimesAsync(home.Path, acknowledged,
            (round, w, stop) => SubmitBatchesUntilStoppedAsync(home.Path, $"b{round}w{w}", acknowledged, stop),
            () => (2 + Random.Shared.Next(6)) * BatchSize, "acknowledged batches before the kill");

        AssertEachAcknowledgedStoredOnce(jobs, acknowledged);
        // A batch cut by the kill may have been stored without its answer; none of its jobs may be stored twice.
        Assert.All(jobs.GroupBy(j => j.Name), g => Assert.True(g.Count() == 1, $"job {g.Key} stored {g.Count()} times"));
        Assert.True(acknowledged.Count >= 6 * BatchSize, "too few submissions to prove anything: " + acknowledged.Count);
    }

    /// <summary>
    /// Three rounds of <see cref="Workers"/> submitters (<paramref name="submitter"/>: round, worker, stop) against a
    /// server killed with -9 once <paramref name="more"/> more are acknowledged, and started again; then every job stored.
    /// </summary>
    private static async Task<IReadOnlyList<JobSummary>> KillThreeTimesAsync(string home, ConcurrentDictionary<string, string> acknowledged,
        Func<int, int, CancellationToken, Task> submitter, Func<int> more, string what)
    {
        var server = await ServerProcess.StartAsync(home);
        try
        {
            for (var round = 0; round < 3; round++)
            {
                using var stop = new CancellationTokenSource();
                var workers = Enumerable.Range(0, Workers).Select(w => submitter(round, w, stop.Token)).ToArray();
                var target = acknowledged.Count + more();
                await PollAsync(() => acknowledged.Count >= target, what);
                await server.KillHard();
                await stop.CancelAsync();
                await Task.WhenAll(workers);
                server = await ServerProcess.StartAsync(home);
            }

            return await ServerFixture.AllJobsAsync(new Omb(home));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Every acknowledged id (to its name) is stored once with that name, and no id twice.</summary>
    private static void AssertEachAcknowledgedStoredOnce(IReadOnlyList<JobSummary> jobs, ConcurrentDictionary<string, string> acknowledged)
    {
        var byId = jobs.GroupBy(j => j.Id).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (id, name) in acknowledged)
        {
            Assert.True(byId.TryGetValue(id, out var found), $"acknowledged job {id} ({name}) was lost");
            Assert.Single(found);
            Assert.Equal(name, found[0].Name);
        }

        Assert.Equal(jobs.Count, byId.Count);
    }

    private static async Task SubmitBatchesUntilStoppedAsync(string home, string prefix, ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        using var client = new OmbApiClient(OmbHome.SocketPath(home));
        for (var b = 0; !stop.IsCancellationRequested; b++)
        {
            var specs = Enumerable.Range(0, BatchSize).Select(i => new JobSpec
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{prefix}b{b}n{i}"),
                Script = "#!/bin/sh\ntrue\n",
                WorkingDirectory = "/tmp",
                SubmitDirectory = "/tmp",
            }).ToArray();
            SubmitBatchResponse response;
            try
            {
                response = await client.SubmitBatchAsync(new SubmitBatchRequest(specs), CancellationToken.None);
            }
            catch (ServerUnreachableException)
            {
                // The kill cut this batch: none of it was acknowledged. Try again until stopped (the next server).
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, CancellationToken.None);
                continue;
            }

            Assert.Equal(BatchSize, response.Results.Count);
            for (var i = 0; i < BatchSize; i++)
            {
                var job = response.Results[i].Job;
                Assert.True(job is not null, $"job {specs[i].Name} refused: {response.Results[i].Error?.Message}");
                Assert.True(acknowledged.TryAdd(job.DisplayId, specs[i].Name), $"id {job.DisplayId} acknowledged twice");
            }
        }
    }

    private static async Task SubmitUntilStoppedAsync(Omb omb, string prefix, ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var name = $"{prefix}n{i}";
            var r = await omb.RunAsync("qsub", "-N", name, "--", "/bin/true");
            if (r.ExitCode == 0)
            {
                Assert.True(acknowledged.TryAdd(r.Stdout.Trim(), name), $"id {r.Stdout.Trim()} printed twice");
            }
            else
            {
                Assert.True(r.ExitCode == 3, "a submission during the crash must fail as unreachable, not: " + r);
            }
        }
    }

    private static async Task PollAsync(Func<bool> condition, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(start) < TimeSpan.FromSeconds(60), "timed out waiting for " + what);
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }
}
