using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Memory;
using OpenMosixBatch.Server.Metrics;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Tests.Checkpoints;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Server.Tests.Memory;

/// <summary>
/// The trim after a burst, on a real queue over a LiteDB file: the burst is real submissions, the counter is the
/// process's own, and the clock is fake. These run alone (the allocation counter counts every thread's bytes).
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class HeapTrimmerTests : IAsyncLifetime, IDisposable
{
    private const int BurstMegabytes = 8;
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly NodeSnapshot[] Nodes = [new("node1", 2, 4L << 30)];
    private readonly string _directory = Directory.CreateTempSubdirectory("omb-trim-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 21, 0, 0, TimeSpan.Zero));
    private readonly MeterListener _listener = new();
    private readonly LiteDbJobStore _store;
    private readonly JobQueue _queue;
    private readonly HeapTrimmer _trimmer;
    private long _trimsMeasured;

    public HeapTrimmerTests()
    {
        _store = LiteDbJobStore.Open(Path.Combine(_directory, "omb.db"));
        _queue = new JobQueue(_store, _clock, NullLogger<JobQueue>.Instance);
        var options = new OmbServerOptions { Memory = { BurstMegabytes = BurstMegabytes, QuietMegabytesPerSecond = 4 } };
        _trimmer = new HeapTrimmer(Microsoft.Extensions.Options.Options.Create(options), _clock, NullLogger<HeapTrimmer>.Instance);
        _listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == ServerMeter.Name && i.Name == "omb.server.heap.trims")
            {
                l.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _trimsMeasured, value));
        _listener.Start();
    }

    public async Task InitializeAsync()
    {
        await _queue.StartAsync(CancellationToken.None);
        await _trimmer.StartAsync(CancellationToken.None);
        await UntilAsync(() => _trimmer.TicksSet > 0, "the trimmer to set its first tick");
    }

    public async Task DisposeAsync()
    {
        await _trimmer.StopAsync(CancellationToken.None);
        await _queue.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _trimmer.Dispose();
        _queue.Dispose();
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Trimmer_BurstOfSubmissionsThenQuiet_TrimsExactlyOnceAndCountsIt()
    {
        await SecondsAsync(3);
        Assert.True(await BurstAsync(2000) > BurstMegabytes << 20, "2,000 submissions allocated less than a burst");
        await SecondsAsync(1);

        // Quiet from here: not before the quiet period (5 s) is over, then exactly once, however long it stays quiet.
        await SecondsAsync(4);
        Assert.Equal(0, _trimmer.Trims);
        for (var i = 0; i < 30 && _trimmer.Trims == 0; i++)
        {
            await SecondsAsync(1);
        }

        Assert.Equal(1, _trimmer.Trims);
        await SecondsAsync(120);
        Assert.Equal(1, _trimmer.Trims);
        Assert.Equal(1, Interlocked.Read(ref _trimsMeasured));
        Assert.Equal(2000, _queue.State.Jobs.Count);
    }

    [Fact]
    public async Task Trimmer_WhileSubmissionsKeepComing_NeverTrimsThenTrimsOnceWhenTheyStop()
    {
        for (var second = 0; second < 10; second++)
        {
            await BurstAsync(500);
            await SecondsAsync(1);
        }

        Assert.Equal(0, _trimmer.Trims);
        await SecondsAsync(60);
        Assert.Equal(1, _trimmer.Trims);
        Assert.Equal(1, Interlocked.Read(ref _trimsMeasured));
    }

    /// <summary>Submits <paramref name="jobs"/> jobs from 8 clients, checks they allocated more than the quiet rate; the bytes.</summary>
    private async Task<long> BurstAsync(int jobs)
    {
        var before = GC.GetTotalAllocatedBytes();
        var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            for (var i = c; i < jobs; i += 8)
            {
                await _queue.EnqueueAsync(new SubmitCommand(new JobSpec { Name = "t", Script = "echo hi", WorkingDirectory = "/w", SubmitDirectory = "/w" },
                    Alice, Nodes, ["batch"], 256L << 20, SubmissionLimits.Default));
            }
        }));
        await Task.WhenAll(clients);
        var allocated = GC.GetTotalAllocatedBytes() - before;
        Assert.True(allocated > 4L << 20, $"{jobs} submissions allocated only {allocated} bytes: more than the test's quiet rate was expected");
        return allocated;
    }

    /// <summary>Moves the clock a second at a time, each time waiting for the trimmer to observe it (and set its next tick).</summary>
    private async Task SecondsAsync(int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            var set = _trimmer.TicksSet;
            _clock.Advance(HeapTrimmer.ObservationPeriod);
            await UntilAsync(() => _trimmer.TicksSet > set, $"the trimmer to observe the clock's second {i + 1} of {seconds}");
        }
    }

    /// <summary>Polls <paramref name="condition"/> with a deadline; fails naming what it waited for.</summary>
    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (20 * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetTimestamp() < deadline, $"timed out waiting for {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System);
        }
    }
}
