using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb.Tests.Fixtures;
using Xunit.Abstractions;

namespace OpenMosixBatch.Storage.LiteDb.Tests;

/// <summary>
/// Figures for the report, printed to the test output; nothing here asserts a time, since the machine is shared.
/// The assertions only check that the work measured really happened.
/// </summary>
[Trait("Category", "Performance")]
public sealed class LiteDbJobStorePerformanceTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 30;
    private const int LoadedJobs = 100_000;

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Commit_BatchesOfNewRealisticJobs_PrintsMillisecondsPerBatch()
    {
        using var store = LiteDbJobStore.Open(_directory.File("commit.db"));
        long nextId = 1;
        foreach (var batchSize in new[] { 1, 16, 128 })
        {
            var timings = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                var jobs = Enumerable.Range(0, batchSize).Select(_ => TestJobs.Realistic(nextId++)).ToArray();
                var events = jobs.Select(j => new JobEvent(j.Id, j.SubmitTime, "submitted", "by ada")).ToArray();
                var started = Stopwatch.GetTimestamp();
                store.Commit(new JobStoreBatch(jobs, events, nextId));
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            timings.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"commit of {batchSize,3} new jobs (+1 event each): min {timings[0]:F2} ms, median {timings[Rounds / 2]:F2} ms, p90 {timings[Rounds * 9 / 10]:F2} ms, max {timings[^1]:F2} ms over {Rounds} batches"));
        }

        Assert.Equal(nextId - 1, store.Load().Jobs.Count);
    }

    [Fact]
    public void Load_HundredThousandJobs_PrintsOpenAndLoadTimes()
    {
        var path = _directory.File("load.db");
        var started = Stopwatch.GetTimestamp();
        using (var store = LiteDbJobStore.Open(path))
        {
            for (var firstId = 1; firstId <= LoadedJobs; firstId += 1000)
            {
                store.Commit(new JobStoreBatch([.. Enumerable.Range(firstId, 1000).Select(i => TestJobs.Realistic(i))], [], firstId + 1000));
            }
        }

        output.WriteLine(Figure($"writing {LoadedJobs} jobs in batches of 1000 and closing", started));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"file size: {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB"));

        started = Stopwatch.GetTimestamp();
        using var reopened = LiteDbJobStore.Open(path);
        output.WriteLine(Figure($"Open (reads and checks all {LoadedJobs} jobs; the first Load returns that read)", started));

        started = Stopwatch.GetTimestamp();
        var first = reopened.Load();
        output.WriteLine(Figure("first Load after Open", started));

        reopened.Commit(new JobStoreBatch([], [], LoadedJobs + 1));
        started = Stopwatch.GetTimestamp();
        var second = reopened.Load();
        output.WriteLine(Figure($"Load of {LoadedJobs} jobs from the file", started));

        Assert.Equal(LoadedJobs, first.Jobs.Count);
        Assert.Equal(LoadedJobs, second.Jobs.Count);
        Assert.Equal(LoadedJobs + 1, second.NextJobId);
    }

    private static string Figure(string what, long started) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

    public void Dispose() => _directory.Dispose();
}
