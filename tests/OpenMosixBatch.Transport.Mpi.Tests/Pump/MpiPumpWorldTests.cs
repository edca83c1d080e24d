using System.Text.Json;

namespace OpenMosixBatch.Transport.Mpi.Tests.Pump;

[Trait("Category", "Mpi")]
[Collection(MpiexecWorld.CollectionName)]
public sealed class MpiPumpWorldTests
{
    private static readonly TimeSpan WorldDeadline = TimeSpan.FromSeconds(60);
    private const int BulkBytes = 1024 * 1024;

    [Fact]
    public async Task Pump_ThreeRanks_DeliversEveryHelloAndAgreesOnEveryTick()
    {
        await using var world = MpiexecWorld.Start(3, "pump", "--stop-after-ticks", "3", "--tick-ms", "150", "--bulk-bytes", BulkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var line = await world.WaitForLineAsync(l => l.StartsWith("{\"mode\":\"pump\"", StringComparison.Ordinal), WorldDeadline, "pump summary from rank 0");
        var exit = await world.WaitForExitAsync(WorldDeadline);

        Assert.True(exit == 0, $"mpiexec exit {exit}; stderr: {world.Errors}");
        using var summary = JsonDocument.Parse(line);
        var root = summary.RootElement;
        Assert.Equal(3, root.GetProperty("size").GetInt32());

        var hellos = root.GetProperty("hellos").EnumerateArray().OrderBy(h => h.GetProperty("rank").GetInt32()).ToList();
        Assert.Equal([0, 1, 2], hellos.Select(h => h.GetProperty("source").GetInt32()));
        foreach (var hello in hellos)
        {
            var rank = hello.GetProperty("rank").GetInt32();
            Assert.Equal(1, hello.GetProperty("tag").GetInt32());
            Assert.Equal($"rank-{rank}", hello.GetProperty("name").GetString());
            Assert.Equal(world.RankPids[rank], hello.GetProperty("pid").GetInt32());
            Assert.Equal(BulkBytes, hello.GetProperty("bulkLength").GetInt32());
            Assert.True(hello.GetProperty("bulkOk").GetBoolean(), $"bulk payload of rank {rank} arrived damaged");
        }

        var ticks = root.GetProperty("ticks").EnumerateArray().ToList();
        Assert.True(ticks.Count >= 3, $"only {ticks.Count} ticks");
        for (var i = 0; i < ticks.Count; i++)
        {
            Assert.Equal(i + 1, ticks[i].GetProperty("sequence").GetInt64());
            Assert.Equal([0, 1, 2], ticks[i].GetProperty("ranks").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal([0.0, 10.0, 20.0], ticks[i].GetProperty("cpu").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal([100L, 200L, 300L], ticks[i].GetProperty("memoryMb").EnumerateArray().Select(e => e.GetInt64()));
            Assert.Equal(i == ticks.Count - 1, ticks[i].GetProperty("isFinal").GetBoolean());
        }
    }

    [Fact]
    public async Task World_OneRankKilled_MpiexecExitsNonZeroAndLeavesNoProcess()
    {
        await using var world = MpiexecWorld.Start(3, "pump", "--stop-after-ticks", "0", "--tick-ms", "100");
        await world.WaitForRanksAsync(3, WorldDeadline);
        var pids = world.RankPids.Values.ToList();

        world.KillRank(1);
        var exit = await world.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.NotNull(exit);
        Assert.NotEqual(0, exit);
        var alive = await MpiexecWorld.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(10));
        Assert.Empty(alive);
    }

    [Fact]
    public async Task Api_ThreeRanks_ObjectCallsWorkWithJsonSerializer()
    {
        await using var world = MpiexecWorld.Start(3, "api");

        var line = await world.WaitForLineAsync(l => l.StartsWith("{\"mode\":\"api\"", StringComparison.Ordinal), WorldDeadline, "api summary from rank 0");
        var exit = await world.WaitForExitAsync(WorldDeadline);

        Assert.True(exit == 0, $"mpiexec exit {exit}; stderr: {world.Errors}");
        using var summary = JsonDocument.Parse(line);
        var root = summary.RootElement;
        Assert.Equal("Funneled", root.GetProperty("threading").GetString());
        Assert.Equal([0, 1, 2], root.GetProperty("allgather").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("hello from rank 0", root.GetProperty("broadcast").GetString());
        Assert.Equal([1, 2], root.GetProperty("received").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(2, root.GetProperty("probedFrom").GetInt32());
        Assert.True(root.GetProperty("largeOk").GetBoolean());
        Assert.Empty(root.GetProperty("failures").EnumerateArray());
    }

    [Fact]
    public async Task Fault_NullReferenceCaughtThenRankFails_WorldEndsNonZero()
    {
        await using var world = MpiexecWorld.Start(3, "fault");

        var exit = await world.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(exit);
        Assert.NotEqual(0, exit);
        Assert.Equal(3, world.Lines.Count(l => l.EndsWith("caught NullReferenceException", StringComparison.Ordinal)));
    }
}
