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
    public void Tick_OvercommittedNodeWithLongTasks_SendsOneToEachIdleNodeAndKeepsTwo()
    {
        // An hour of work each makes every move pay by far: only the capacity model stops node1 being emptied onto
        // node2 and node3, as it was when node1 was modelled as four slow CPUs.
        _registry.Observe(Tune(), T0);
        foreach (var id in new long[] { 1, 2, 3, 4 })
        {
            _registry.Observe(Start(Job(id, walltime: TimeSpan.FromHours(1)), "node1"), T0);
        }

        // Each task gets a tenth of a CPU (the host is busy too) and waits on the run queue the rest of the time.
        var (cpu, wait) = (TimeSpan.Zero, TimeSpan.Zero);
        IReadOnlyList<Core.Migration.MigrationMove> moves = [];
        var second = 0;
        for (; second <= 8 && moves.Count == 0; second++)
        {
            moves = _rebalancer.Tick(OneCoreNode1(cpu, wait), T0.AddSeconds(10 + second));
            (cpu, wait) = (cpu + TimeSpan.FromSeconds(0.1), wait + TimeSpan.FromSeconds(0.9));
        }

        Assert.Equal(["node2", "node3"], moves.Select(m => m.To).Order());

        // The next ticks, before the moved tasks show on their targets (node1's core now gives a quarter to each):
        // node2 and node3 count as busy with them, so nothing more goes there.
        for (var next = second; next < second + 4; next++)
        {
            (cpu, wait) = (cpu + TimeSpan.FromSeconds(0.25), wait + TimeSpan.FromSeconds(0.75));
            Assert.Empty(_rebalancer.Tick(OneCoreNode1(cpu, wait), T0.AddSeconds(10 + next)));
        }
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

    /// <summary>node1 declares 4 CPUs and runs tasks 1-4 on one core; node2 and node3 are idle with one CPU each.</summary>
    private static NodeLoad[] OneCoreNode1(TimeSpan cpuEach, TimeSpan waitEach) =>
    [
        NodeOf("node1", 1, [.. Enumerable.Range(1, 4).Select(id => Busy(id, cpuEach) with { RunQueueWait = waitEach })]) with { Cpus = 4 },
        NodeOf("node2", 2) with { Cpus = 1 },
        NodeOf("node3", 3) with { Cpus = 1 },
    ];

    private static NodeLoad[] Crowded(TimeSpan cpuEach, int tasks = 4) =>
    [
        NodeOf("node1", 1, [.. Enumerable.Range(1, tasks).Select(id => Busy(id, cpuEach))]),
        NodeOf("node2", 2),
        NodeOf("node3", 3),
    ];
}
