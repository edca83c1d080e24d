using Microsoft.Extensions.Logging.Abstractions;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Node.Migration;
using OpenMosixBatch.Node.World;
using static OpenMosixBatch.Node.Tests.Migration.MigrationFixtures;

namespace OpenMosixBatch.Node.Tests.Migration;

public sealed class RebalancerTests
{
    private readonly RoutedTaskRegistry _registry = new();
    private readonly List<(MigrationRequest Request, string Source)> _sent = [];
    private readonly Rebalancer _rebalancer;

    public RebalancerTests() =>
        _rebalancer = new Rebalancer(_registry, (r, s) => _sent.Add((r, s)), TimeSpan.FromMinutes(2), NullLogger.Instance);

    [Fact]
    public void Tick_SixBusyTasksOnOneOfThreeTwoCpuNodes_SpreadsThemTwoPerNode()
    {
        StartAll("node1", 1, 2, 3, 4, 5, 6);
        _rebalancer.Tick(Crowded(TimeSpan.Zero, 6), T0.AddSeconds(10));

        var moves = _rebalancer.Tick(Crowded(TimeSpan.FromSeconds(10), 6), T0.AddSeconds(30));

        Assert.Equal(["node2", "node2", "node3", "node3"], moves.Select(m => m.To).Order());
        Assert.All(_sent, s => Assert.Equal("node1", s.Source));
        Assert.Equal([2, 2, 3, 3], _sent.Select(s => s.Request.TargetRank).Order());
    }

    [Fact]
    public void Tick_TwoBusyTasksOnATwoCpuNode_StayPut()
    {
        StartAll("node1", 1, 2);
        _rebalancer.Tick(Crowded(TimeSpan.Zero, 2), T0.AddSeconds(10));

        Assert.Empty(_rebalancer.Tick(Crowded(TimeSpan.FromSeconds(20), 2), T0.AddSeconds(30)));
    }

    [Fact]
    public void Tick_OvercommittedNodeWhoseTasksShareOneCore_SendsWorkToTheIdleNodes()
    {
        StartAll("node1", 1, 2, 3, 4);
        var cpu = TimeSpan.Zero;
        IReadOnlyList<Core.Migration.MigrationMove> moves = [];
        for (var second = 0; second <= 8 && moves.Count == 0; second++)
        {
            // node1 declares 4 CPUs but its four tasks share one core: each gets a quarter of a CPU.
            moves = _rebalancer.Tick(
            [
                NodeOf("node1", 1, [.. Enumerable.Range(1, 4).Select(id => Busy(id, cpu))]) with { Cpus = 4 },
                NodeOf("node2", 2) with { Cpus = 1 },
                NodeOf("node3", 3) with { Cpus = 1 },
            ], T0.AddSeconds(10 + second));
            cpu += TimeSpan.FromSeconds(0.25);
        }

        Assert.Equal(["node2", "node3"], moves.Select(m => m.To).Order());
    }

    [Fact]
    public void Tick_MoveInFlight_IsNotPlannedTwice()
    {
        StartAll("node1", 1, 2, 3, 4);
        _rebalancer.Tick(Crowded(TimeSpan.Zero), T0.AddSeconds(10));
        _rebalancer.Tick(Crowded(TimeSpan.FromSeconds(10)), T0.AddSeconds(30));

        var again = _rebalancer.Tick(Crowded(TimeSpan.FromSeconds(15)), T0.AddSeconds(40));

        Assert.DoesNotContain(again, m => _sent.Take(2).Any(s => s.Request.JobId == m.JobId));
    }

    [Fact]
    public void Tick_MigrationDisabled_MovesNothing()
    {
        StartAll("node1", 1, 2, 3, 4);
        _registry.Observe(Tune(enabled: false), T0);
        _rebalancer.Tick(Crowded(TimeSpan.Zero), T0.AddSeconds(10));

        Assert.Empty(_rebalancer.Tick(Crowded(TimeSpan.FromSeconds(10)), T0.AddSeconds(30)));
    }

    [Fact]
    public void Tick_BeforeTheFirstTuneOrder_MovesNothing()
    {
        foreach (var id in new long[] { 1, 2, 3, 4 })
        {
            _registry.Observe(Start(Job(id), "node1"), T0);
        }

        _rebalancer.Tick(Crowded(TimeSpan.Zero), T0.AddSeconds(10));

        Assert.Empty(_rebalancer.Tick(Crowded(TimeSpan.FromSeconds(10)), T0.AddSeconds(30)));
        Assert.Empty(_sent);
    }

    [Fact]
    public void Tick_TasksThatDoNotCheckpoint_NeverMove()
    {
        _registry.Observe(Tune(), T0);
        foreach (var id in new long[] { 1, 2, 3, 4 })
        {
            _registry.Observe(Start(Job(id, checkpoint: false), "node1"), T0);
        }

        _rebalancer.Tick(Crowded(TimeSpan.Zero), T0.AddSeconds(10));

        Assert.Empty(_rebalancer.Tick(Crowded(TimeSpan.FromSeconds(10)), T0.AddSeconds(30)));
    }

    [Fact]
    public void Tick_OfflineNode_ExpelsItsMigratableTaskAndKeepsTheRunHomeOne()
    {
        _registry.Observe(Tune(true, "node1"), T0);
        _registry.Observe(Start(Job(1), "node1"), T0);
        _registry.Observe(Start(Job(2, migratable: false), "node1"), T0);
        var loads = new[] { NodeOf("node1", 1, Busy(1, TimeSpan.Zero), Busy(2, TimeSpan.Zero)), NodeOf("node2", 2) };

        var moves = _rebalancer.Tick(loads, T0.AddSeconds(1));

        var move = Assert.Single(moves);
        Assert.Equal((1L, "node2"), (move.JobId, move.To));
    }

    private void StartAll(string node, params long[] ids)
    {
        _registry.Observe(Tune(), T0);
        foreach (var id in ids)
        {
            _registry.Observe(Start(Job(id), node), T0);
        }
    }

    private static NodeLoad[] Crowded(TimeSpan cpuEach, int tasks = 4) =>
    [
        NodeOf("node1", 1, [.. Enumerable.Range(1, tasks).Select(id => Busy(id, cpuEach))]),
        NodeOf("node2", 2),
        NodeOf("node3", 3),
    ];
}
