using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Core.Health;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Tests.Hosting;

namespace OpenMosixBatch.Server.Tests.Cluster;

public sealed class BlackHoleHistoryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("omb-blackhole-");

    private string File(string name) => Path.Combine(_home.FullName, name);

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task RestartedServer_CountsTheFailuresBeforeTheRestart_AndDrainsTheNode()
    {
        // The default window: 5 failures within 10 minutes on a node while the others do not fail.
        using var store = new InMemoryJobStore();
        await using (var before = await RunningServer.StartAsync(_home.FullName, store))
        {
            before.Services.GetRequiredService<BlackHoleGuard>().Observe([("node2", false), .. Enumerable.Repeat(("node1", true), 4)]);
            Assert.DoesNotContain("node1", before.Services.GetRequiredService<NodeAdminStates>().Offline.Keys);
        }

        await using var after = await RunningServer.StartAsync(_home.FullName, store);
        after.Services.GetRequiredService<BlackHoleGuard>().Observe([("node1", true)]);

        var offline = after.Services.GetRequiredService<NodeAdminStates>().Entries;
        Assert.True(offline.TryGetValue("node1", out var drained), "node1 failed 5 tasks across a restart but was not drained");
        Assert.Equal(new NodeOffline("black hole: 5 of 5 tasks failed in the last 10 min (cluster elsewhere: 0%)", OfflineSource.BlackHole), drained);
    }

    [Fact]
    public void SaveThenLoad_GivesTheSameEnds_OldestFirst()
    {
        var history = new BlackHoleHistory(File("blackhole.json"));
        NodeTaskEnd[] ends = [new("node2", T0.AddSeconds(5), false), new("node1", T0, true)];

        history.Save(ends);

        Assert.Equal([ends[1], ends[0]], new BlackHoleHistory(File("blackhole.json")).Load());
        Assert.False(System.IO.File.Exists(File("blackhole.json.tmp")), "the temporary file must be renamed into place");
    }

    [Fact]
    public async Task Store_ManyReportsWithinTheWriteInterval_WriteTheWindowOnceNowAndOnceWhenTheIntervalIsOver()
    {
        var clock = new FakeTimeProvider(T0);
        var history = new BlackHoleHistory(File("blackhole.json"), clock);
        var asked = 0;
        var window = new List<NodeTaskEnd>();
        IReadOnlyList<NodeTaskEnd> Window()
        {
            Interlocked.Increment(ref asked);
            lock (window)
            {
                return [.. window];
            }
        }

        // 200 reports of one end each within the interval: the first is written at once, the other 199 owe one write.
        for (var i = 0; i < 200; i++)
        {
            lock (window)
            {
                window.Add(new NodeTaskEnd("node1", T0.AddMilliseconds(i), i % 2 == 0));
            }

            history.Store(Window, e => Assert.Fail(e.Message));
        }

        Assert.Equal(1, Volatile.Read(ref asked));
        Assert.Single(new BlackHoleHistory(File("blackhole.json")).Load());

        clock.Advance(BlackHoleHistory.WriteInterval);
        // Polled with a deadline: the owed write runs when the delay on the fake clock completes, on the thread pool.
        var deadline = TimeProvider.System.GetTimestamp() + (20 * TimeProvider.System.TimestampFrequency);
        while (new BlackHoleHistory(File("blackhole.json")).Load().Count != 200)
        {
            Assert.True(TimeProvider.System.GetTimestamp() < deadline,
                $"the owed write did not come: the file holds {new BlackHoleHistory(File("blackhole.json")).Load().Count} of 200 ends");
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        Assert.Equal(2, Volatile.Read(ref asked));
    }

    [Fact]
    public void Flush_WritesWhatAStoreWithinTheIntervalOwes()
    {
        var history = new BlackHoleHistory(File("blackhole.json"), new FakeTimeProvider(T0));
        history.Store(() => [new NodeTaskEnd("node1", T0, true)], e => Assert.Fail(e.Message));
        history.Store(() => [new NodeTaskEnd("node1", T0, true), new NodeTaskEnd("node2", T0, false)], e => Assert.Fail(e.Message));

        history.Flush();

        Assert.Equal(2, new BlackHoleHistory(File("blackhole.json")).Load().Count);
    }

    [Fact]
    public void Load_NoFileOrNoPath_IsEmpty()
    {
        Assert.Empty(new BlackHoleHistory(File("none.json")).Load());
        Assert.Empty(new BlackHoleHistory(null).Load());
    }

    [Fact]
    public void Load_DamagedFile_IsRefusedNamingTheFileAndTheFix()
    {
        System.IO.File.WriteAllText(File("blackhole.json"), "{not json");

        var e = Assert.Throws<InvalidDataException>(() => new BlackHoleHistory(File("blackhole.json")).Load());

        Assert.StartsWith($"bad black-hole history {File("blackhole.json")}: ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("delete it (it only holds the task ends of the last window)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DamagedFile_ServerStartsWithAnEmptyWindow()
    {
        System.IO.File.WriteAllText(File("blackhole.json"), "{not json");
        using var store = new InMemoryJobStore();
        await using var server = await RunningServer.StartAsync(_home.FullName, store);

        server.Services.GetRequiredService<BlackHoleGuard>().Observe([("node1", true)]);

        Assert.Single(new BlackHoleHistory(File("blackhole.json")).Load());
    }
}
