using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Web;

namespace OpenMosixBatch.Server.Tests.Web;

public sealed class ClusterHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static ClusterSample Sample(DateTimeOffset now, DateTimeOffset since) =>
        new(now, Queued: (int)(now - since).TotalSeconds, 0, 0, 0, 0, 0, null, null, 0.5, 0.25, 0.9, 0.85);

    private static ClusterHistory Make(FakeTimeProvider time, WebOptions? web = null) =>
        new(Sample, time, Microsoft.Extensions.Options.Options.Create(new OmbServerOptions { Web = web ?? new WebOptions() }));

    [Fact]
    public async Task StartAsync_TakesASampleAtOnce()
    {
        var time = new FakeTimeProvider(T0);
        using var history = Make(time);

        await history.StartAsync(CancellationToken.None);

        Assert.Equal(T0, Assert.Single(history.Samples()).Time);
    }

    [Fact]
    public async Task Timer_TakesOneSampleEveryIntervalWithTheTimeSinceThePrevious()
    {
        var time = new FakeTimeProvider(T0);
        using var history = Make(time);
        await history.StartAsync(CancellationToken.None);

        for (var i = 0; i < 12; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
        }

        var samples = history.Samples();
        Assert.Equal(13, samples.Count);
        Assert.Equal(Enumerable.Range(0, 13).Select(i => T0.AddSeconds(5 * i)), samples.Select(s => s.Time));
        Assert.All(samples, s => Assert.Equal(5, s.Queued));
    }

    [Fact]
    public async Task Timer_AfterTwoHours_KeepsTheLastHourOnly()
    {
        var time = new FakeTimeProvider(T0);
        using var history = Make(time);
        await history.StartAsync(CancellationToken.None);

        for (var i = 0; i < 2 * 720; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
        }

        var samples = history.Samples();
        Assert.Equal(720, samples.Count);
        Assert.Equal(T0.AddHours(2), samples[^1].Time);
        Assert.Equal(T0.AddHours(1).AddSeconds(5), samples[0].Time);
        Assert.Equal(TimeSpan.FromHours(1), history.Window);
    }

    [Fact]
    public async Task StopAsync_StopsSampling()
    {
        var time = new FakeTimeProvider(T0);
        using var history = Make(time, new WebOptions { SampleInterval = TimeSpan.FromSeconds(1), History = TimeSpan.FromMinutes(1) });
        await history.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(3));

        await history.StopAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(4, history.Samples().Count);
    }
}
