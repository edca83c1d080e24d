using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using static OpenMosixBatch.Tests.Shared.RebalancingFixtures;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class PlannerInputsTests
{
    private static readonly Dictionary<TaskKey, double> Demand = new() { [new TaskKey(1, 0)] = 1.0, [new TaskKey(2, 0)] = 0.25 };

    [Fact]
    public void Nodes_SumTaskDemandAndMarkOfflineNodesExpelling()
    {
        var loads = new[] { NodeOf("node1", 1, Busy(1, TimeSpan.Zero), Busy(2, TimeSpan.Zero)), NodeOf("node2", 2) };

        var nodes = PlannerInputs.Nodes(loads, Demand, new HashSet<string> { "node2" });

        Assert.Equal((1.25, true, false), (nodes[0].RunnableDemand, nodes[0].AcceptsMigrations, nodes[0].Expelling));
        Assert.Equal((0.0, false, true), (nodes[1].RunnableDemand, nodes[1].AcceptsMigrations, nodes[1].Expelling));
    }

    [Fact]
    public void Nodes_NodeFailingItsHealthCheck_TakesNoMigrationsBeforeTheServerMarksItOffline()
    {
        var loads = new[] { NodeOf("node1", 1), NodeOf("node2", 2) with { HealthFailure = "disk full" } };

        var nodes = PlannerInputs.Nodes(loads, Demand, new HashSet<string>());

        Assert.Equal([true, false], nodes.Select(n => n.AcceptsMigrations));
    }

    [Fact]
    public void Nodes_TaskOnItsWay_CountsAtItsTargetNotWhereItLeaves()
    {
        var loads = new[] { NodeOf("node1", 1, Busy(1, TimeSpan.Zero), Busy(2, TimeSpan.Zero)), NodeOf("node2", 2), NodeOf("node3", 3) };

        // Task 1 is leaving node1 for node2; task 7 checkpointed and is between nodes, restarting on node3.
        var nodes = PlannerInputs.Nodes(loads, Demand, new HashSet<string>(), arrivals: [new(1, 0, "node2"), new(7, 0, "node3")]);

        Assert.Equal([0.25, 1.0, 1.0], nodes.Select(n => n.RunnableDemand));
    }

    [Fact]
    public void Nodes_MeasuredCapacity_ReplacesTheDeclaredCpusAndSpeed()
    {
        var loads = new[] { NodeOf("node1", 1) with { Cpus = 4 }, NodeOf("node2", 2) };

        var nodes = PlannerInputs.Nodes(loads, Demand, new HashSet<string>(), new Dictionary<string, MeasuredCapacity> { ["node1"] = new(1, 0.9) });

        Assert.Equal([(1, 0.9), (2, 1.0)], nodes.Select(n => (n.Cpus, n.Speed)));
    }

    [Fact]
    public void Tasks_UseTheCheckpointSizeWhenKnownElseRss_AndSkipTasksRank0DidNotRoute()
    {
        var routed = new (RoutedTask, bool)[]
        {
            (new RoutedTask(Job(1, walltime: TimeSpan.FromMinutes(5)), 0, "node1", "node2", T0, T0.AddSeconds(1), 0), false),
            (new RoutedTask(Job(2), 0, "node1", "node1", T0, null, 4096), true),
        };
        var loads = new[] { NodeOf("node1", 1, Busy(1, TimeSpan.FromSeconds(7), rss: 3 << 20), Busy(2, TimeSpan.Zero), Busy(3, TimeSpan.Zero)) };

        var tasks = PlannerInputs.Tasks(loads, routed, Demand, T0.AddSeconds(60));

        Assert.Equal(2, tasks.Count);
        var first = tasks[0];
        Assert.Equal(("node1", "node2", true, 3L << 20, TimeSpan.FromSeconds(60), (TimeSpan?)TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(7)),
            (first.Node, first.HomeNode, first.Migratable, first.CheckpointBytes, first.Elapsed, first.WalltimeEstimate, first.CpuTime));
        Assert.Equal((4096L, false, 0.25), (tasks[1].CheckpointBytes, tasks[1].Migratable, tasks[1].Demand));
    }

    [Theory]
    [InlineData(0, 0, 3 << 20)]
    [InlineData(0, 300 << 20, 300 << 20)]
    [InlineData(4096, 300 << 20, 300 << 20)]
    [InlineData(8 << 20, 4096, 8 << 20)]
    public void CheckpointBytes_IsTheLargerOfTheCommittedCheckpointAndTheDirectoryNow_ElseRss(long committed, long directory, long expected)
    {
        var routed = new RoutedTask(Job(1), 0, "node1", "node1", T0, null, committed);
        var load = Busy(1, TimeSpan.Zero, rss: 3 << 20) with { CheckpointDirectoryBytes = directory };

        Assert.Equal(expected, PlannerInputs.CheckpointBytes(routed, load));
    }

    [Fact]
    public void Tasks_ShownOnTheNodeItLeft_IsAStaleSampleAndNotPlanned()
    {
        // Rank 0 restarted job 1 on node2; the tick's loads were sampled before it left node1.
        var routed = new (RoutedTask, bool)[] { (new RoutedTask(Job(1), 0, "node2", "node1", T0, T0.AddSeconds(5), 10), false) };
        var loads = new[] { NodeOf("node1", 1, Busy(1, TimeSpan.Zero)), NodeOf("node2", 2) };

        Assert.Empty(PlannerInputs.Tasks(loads, routed, Demand, T0.AddSeconds(6)));
    }

    [Fact]
    public void Tasks_MemoryIsTheLargerOfRssAndTheRequest()
    {
        var job = Job(1) with { Spec = Job(1).Spec with { Resources = Job(1).Spec.Resources with { MemoryBytesPerChunk = 1L << 30 } } };
        var routed = new (RoutedTask, bool)[] { (new RoutedTask(job, 0, "node1", "node1", T0, null, 0), false) };

        var task = Assert.Single(PlannerInputs.Tasks([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))], routed, Demand, T0));

        Assert.Equal(1L << 30, task.MemoryBytes);
    }

    [Fact]
    public void Nodes_FreeMemoryIsClampedToTheNodeShare() =>
        Assert.Equal(4L << 30, PlannerInputs.Nodes([new NodeLoad("n", 1, 2, 4L << 30, 0, 0, 0, 64L << 30, [])], Demand, new HashSet<string>())[0].FreeMemoryBytes);
}
