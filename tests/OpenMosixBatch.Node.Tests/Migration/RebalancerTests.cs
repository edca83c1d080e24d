using OpenMosixBatch.Api.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Node.Migration;
using OpenMosixBatch.Node.World;
using static OpenMosixBatch.Node.Tests.Migration.MigrationFixtures;
using static OpenMosixBatch.Tests.Shared.RebalancingFixtures;

namespace OpenMosixBatch.Node.Tests.Migration;

public sealed class RebalancerTests
{
    private readonly List<(MigrationRequest Request, string Source)> _sent = [];
    private readonly List<TaskStay> _stays = [];
    private readonly Rebalancer _rebalancer;

    public RebalancerTests() =>
        _rebalancer = new Rebalancer(RebalancingPolicy.Default with { InFlightLimit = TimeSpan.FromMinutes(2) }, (r, s) => _sent.Add((r, s)), _stays.Add, NullLogger.Instance);

    [Fact]
    public void Tick_SixBusyTasksOnOneOfThreeTwoCpuNodes_SpreadsThemTwoPerNode_OnePerNodeEachTimeItsLoadIsMeasured()
    {
        StartAll("node1", 1, 2, 3, 4, 5, 6);
        var where = Enumerable.Range(1, 6).ToDictionary(id => (long)id, _ => "node1");
        var cpu = Enumerable.Range(1, 6).ToDictionary(id => (long)id, _ => TimeSpan.Zero);
        NodeLoad[] Loads() => [.. new[] { ("node1", 1), ("node2", 2), ("node3", 3) }.Select(n =>
            NodeOf(n.Item1, n.Item2, [.. where.Where(w => w.Value == n.Item1).Select(w => Busy(w.Key, cpu[w.Key]))]))];
        void Run(int seconds)
        {
            // Two CPUs per node, shared evenly by its tasks.
            foreach (var group in where.GroupBy(w => w.Value))
            {
                foreach (var (id, _) in group)
                {
                    cpu[id] += TimeSpan.FromSeconds(seconds * Math.Min(1.0, 2.0 / group.Count()));
                }
            }
        }

        var sent = new List<string>();
        for (var second = 10; second < 40; second += 2)
        {
            var moves = _rebalancer.Tick(Loads(), T0.AddSeconds(second));
            Assert.True(moves.Select(m => m.To).Distinct().Count() == moves.Count, "two tasks sent to one node in one tick");
            foreach (var m in moves)
            {
                sent.Add(m.To);
                where[m.JobId] = m.To;
                _rebalancer.Observe(Start(Job(m.JobId), m.To, new CheckpointRef(1, 10, "ab")), T0.AddSeconds(second + 1));
            }

            Run(2);
        }

        Assert.Equal(["node2", "node2", "node3", "node3"], sent.Order());
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
    public void Tick_TasksThatStay_ReportTheirReasonOnce_NotOnEveryTick()
    {
        StartAll("node1", 1, 2);
        _rebalancer.Tick(Crowded(TimeSpan.Zero, 2), T0.AddSeconds(10));
        var first = _stays.ToList();
        _rebalancer.Tick(Crowded(TimeSpan.Zero, 2), T0.AddSeconds(11));

        Assert.Equal([1L, 2L], first.Select(s => s.JobId));
        Assert.All(first, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        Assert.Equal(first, _stays);
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
        _rebalancer.Observe(Tune(), T0);
        foreach (var id in new long[] { 1, 2, 3, 4 })
        {
            _rebalancer.Observe(Start(Job(id, walltime: TimeSpan.FromHours(1)), "node1"), T0);
        }

        // Each task gets a little under a quarter of the one core (the rank takes the rest) and waits on the run
        // queue the rest of the time.
        var (cpu, wait) = (TimeSpan.Zero, TimeSpan.Zero);
        IReadOnlyList<Core.Migration.MigrationMove> moves = [];
        var second = 0;
        for (; second <= 8 && moves.Count == 0; second++)
        {
            moves = _rebalancer.Tick(OneCoreNode1(cpu, wait), T0.AddSeconds(10 + second));
            (cpu, wait) = (cpu + TimeSpan.FromSeconds(0.23), wait + TimeSpan.FromSeconds(0.77));
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
    public void Tick_TargetsWhoseNewTasksAreNotMeasuredYet_TakeNoSecondTask_AndNoneOnceTheyShowTheyShareACore()
    {
        // node1 keeps two tasks on its one core (with the rank's own overhead, 0.46 CPU each); node2 and node3 just
        // restarted one task each and, unknown to the planner, share one core. As declared (1 CPU each, one task),
        // either would look better for a third task than node1.
        _rebalancer.Observe(Tune(), T0);
        foreach (var id in new long[] { 1, 2 })
        {
            _rebalancer.Observe(Start(Job(id, walltime: TimeSpan.FromHours(1)), "node1"), T0);
        }

        _rebalancer.Observe(Start(Job(3, walltime: TimeSpan.FromHours(1)), "node2"), T0.AddSeconds(9));
        _rebalancer.Observe(Start(Job(4, walltime: TimeSpan.FromHours(1)), "node3"), T0.AddSeconds(9));
        // The restarted tasks show on their nodes from the third tick on (their ranks sampled before they started).
        NodeLoad[] Loads(double second) =>
        [
            NodeOf("node1", 1, Busy(1, TimeSpan.FromSeconds(0.46 * second)) with { RunQueueWait = TimeSpan.FromSeconds(0.54 * second) },
                Busy(2, TimeSpan.FromSeconds(0.46 * second)) with { RunQueueWait = TimeSpan.FromSeconds(0.54 * second) }) with { Cpus = 4 },
            NodeOf("node2", 2, second < 12 ? [] : [Busy(3, TimeSpan.FromSeconds(0.5 * second)) with { RunQueueWait = TimeSpan.FromSeconds(0.5 * second) }]) with { Cpus = 1 },
            NodeOf("node3", 3, second < 12 ? [] : [Busy(4, TimeSpan.FromSeconds(0.5 * second)) with { RunQueueWait = TimeSpan.FromSeconds(0.5 * second) }]) with { Cpus = 1 },
        ];

        for (var second = 10; second < 16; second++)
        {
            Assert.Empty(_rebalancer.Tick(Loads(second), T0.AddSeconds(second)));
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
    public void Tick_RanksThatHaveNotReportedYet_AreNoTarget_AndTheMovesGoToTheRanksOfTheirNodes()
    {
        // A world just relaunched: the ranks not heard from yet show as unnamed loads (rank -1), several at once.
        NodeLoad[] Loads(TimeSpan cpu) => [.. Crowded(cpu), new("", -1, 0, 0, 1, 0, 0, 0, []), new("", -1, 0, 0, 1, 0, 0, 0, [])];
        StartAll("node1", 1, 2, 3, 4);
        _rebalancer.Tick(Loads(TimeSpan.Zero), T0.AddSeconds(10));

        var moves = _rebalancer.Tick(Loads(TimeSpan.FromSeconds(10)), T0.AddSeconds(30));

        Assert.NotEmpty(moves);
        Assert.All(_sent, s => Assert.Equal(s.Request.Target == "node2" ? 2 : 3, s.Request.TargetRank));
    }

    [Fact]
    public void Tick_MigrationDisabled_MovesNothing()
    {
        StartAll("node1", 1, 2, 3, 4);
        _rebalancer.Observe(Tune(enabled: false), T0);
        _rebalancer.Tick(Crowded(TimeSpan.Zero), T0.AddSeconds(10));

        Assert.Empty(_rebalancer.Tick(Crowded(TimeSpan.FromSeconds(10)), T0.AddSeconds(30)));
    }

    [Fact]
    public void Tick_BeforeTheFirstTuneOrder_MovesNothing()
    {
        foreach (var id in new long[] { 1, 2, 3, 4 })
        {
            _rebalancer.Observe(Start(Job(id), "node1"), T0);
        }

        _rebalancer.Tick(Crowded(TimeSpan.Zero), T0.AddSeconds(10));

        Assert.Empty(_rebalancer.Tick(Crowded(TimeSpan.FromSeconds(10)), T0.AddSeconds(30)));
        Assert.Empty(_sent);
    }

    [Fact]
    public void Tick_TasksThatDoNotCheckpoint_NeverMove()
    {
        _rebalancer.Observe(Tune(), T0);
        foreach (var id in new long[] { 1, 2, 3, 4 })
        {
            _rebalancer.Observe(Start(Job(id, checkpoint: false), "node1"), T0);
        }

        _rebalancer.Tick(Crowded(TimeSpan.Zero), T0.AddSeconds(10));

        Assert.Empty(_rebalancer.Tick(Crowded(TimeSpan.FromSeconds(10)), T0.AddSeconds(30)));
    }

    [Fact]
    public void Tick_OfflineNode_ExpelsItsMigratableTaskAndKeepsTheRunHomeOne()
    {
        _rebalancer.Observe(Tune(true, "node1"), T0);
        _rebalancer.Observe(Start(Job(1), "node1"), T0);
        _rebalancer.Observe(Start(Job(2, migratable: false), "node1"), T0);
        var loads = new[] { NodeOf("node1", 1, Busy(1, TimeSpan.Zero), Busy(2, TimeSpan.Zero)), NodeOf("node2", 2) };

        var moves = _rebalancer.Tick(loads, T0.AddSeconds(1));

        var move = Assert.Single(moves);
        Assert.Equal((1L, "node2"), (move.JobId, move.To));
    }

    private void StartAll(string node, params long[] ids)
    {
        _rebalancer.Observe(Tune(), T0);
        foreach (var id in ids)
        {
            _rebalancer.Observe(Start(Job(id), node), T0);
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
