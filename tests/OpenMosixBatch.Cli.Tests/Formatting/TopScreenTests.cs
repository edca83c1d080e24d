using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Cli.Tests.Formatting;

/// <summary>omb top's frame, rendered without a terminal or a server.</summary>
public sealed class TopScreenTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    private static TopView View() => new(
        new ServerStatus("h1", "Active", Now.AddHours(-1), TimeSpan.FromHours(1), 4, 1, 2, 1, 0, 0, "w1", Now.AddMinutes(-30), 2, 2, 50, 25, 90, 85, "batch"),
        [
            new NodeView(new NodeSnapshot("node1", 2, 4L << 30, 1.0, 2, 1L << 30, 0.9, 0.5), ["7", "8"], 1.5),
            new NodeView(new NodeSnapshot("node2", 2, 4L << 30, 2.0, 0, 0, 0.1, 0.25, NodeState.Free), [], 0.0),
        ],
        1,
        [
            new TopTask("8", "alice", "node1", 1, 256L << 20, TimeSpan.FromSeconds(30), Now.AddMinutes(-1), 'R'),
            new TopTask("7", "bob", "node1", 1, 256L << 20, TimeSpan.FromMinutes(9), Now.AddMinutes(-10), 'M'),
        ],
        [new TopMigration("5[2]", "node2", "node1", TimeSpan.FromMilliseconds(420), 3L << 20, Now.AddSeconds(-5))]);

    [Fact]
    public void Render_LoadMode_HeaderUtilisationCountsNodesTasksAndMigrations()
    {
        var lines = TopScreen.Render(View(), TopMode.Load, Now, TimeZoneInfo.Utc).Split('\n');

        Assert.Equal("omb top - h1  world w1 (2/2 nodes up)  server up 01:00:00  21:00:00", lines[0]);
        Assert.Equal("cpu [##########..........]  50.0% (threshold 90%)   mem [#####...............]  25.0% (threshold 85%)", lines[1]);
        Assert.Equal("jobs: 1 queued, 1 held, 0 waiting, 2 running, 1 migrating, 0 exiting", lines[2]);
        Assert.Equal("node1        free     [###############.....] load 1.50, cpus 2/2 allocated, 2 task(s)", lines[5]);
        Assert.Equal("node2        free     [....................] load 0.00, cpus 0/2 allocated", lines[6]);
        Assert.Equal("8               alice      node1           1   256mb  00:01:00  00:00:30 R", lines[10]);
        Assert.Equal("7               bob        node1           1   256mb  00:10:00  00:09:00 M", lines[11]);
        Assert.Equal("5[2]            node2 -> node1  cost 420 ms, 3mb, at 20:59:55", lines[14]);
    }

    [Fact]
    public void Render_MemoryAndSpeedModes_ChangeTheBars()
    {
        var memory = TopScreen.Render(View(), TopMode.Memory, Now, TimeZoneInfo.Utc).Split('\n');
        var speed = TopScreen.Render(View(), TopMode.Speed, Now, TimeZoneInfo.Utc).Split('\n');

        Assert.StartsWith("NODE         STATE    MEMORY", memory[4], StringComparison.Ordinal);
        Assert.Equal("node1        free     [##########..........] mem 2gb/4gb, allocated 1gb, 2 task(s)", memory[5]);
        Assert.Equal("node2        free     [####################] speed 2.00", speed[6]);
        Assert.Equal("node1        free     [##########..........] speed 1.00, 2 task(s)", speed[5]);
    }

    [Fact]
    public void Render_MoreTasksThanRows_SaysHowManyMore()
    {
        var text = TopScreen.Render(View(), TopMode.Load, Now, TimeZoneInfo.Utc, maxTaskRows: 1);

        Assert.Contains("... and 1 more\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bob", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, "[....................]")]
    [InlineData(0.5, "[##########..........]")]
    [InlineData(7, "[####################]")]
    public void Bar_ClampsToItsWidth(double fraction, string bar) => Assert.Equal(bar, TopScreen.Bar(fraction));
}
