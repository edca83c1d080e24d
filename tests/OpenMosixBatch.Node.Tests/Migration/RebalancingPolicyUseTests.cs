using Microsoft.Extensions.Logging.Abstractions;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Node.Migration;
using OpenMosixBatch.Simulation.Processes;
using static OpenMosixBatch.Node.Tests.Migration.MigrationFixtures;
using static OpenMosixBatch.Tests.Shared.RebalancingFixtures;

namespace OpenMosixBatch.Node.Tests.Migration;

/// <summary>Rank 0 and <c>omb simulate --processes</c> run one rebalancing step: a knob of it changes both.</summary>
public sealed class RebalancingPolicyUseTests
{
    private static readonly RebalancingPolicy Usual = RebalancingPolicy.Default;

    [Theory]
    [InlineData("hysteresis")]
    [InlineData("moves per tick")]
    public void AKnobOfTheCoreStep_ChangesBothTheRanksMovesAndTheSimulatorsMigrations(string knob)
    {
        var changed = knob == "hysteresis"
            ? Usual with { Planner = Usual.Planner with { Hysteresis = 1e9 } }
            : Usual with { Planner = Usual.Planner with { MaxMovesPerTick = 0 } };

        Assert.NotEmpty(RankMoves(Usual));
        Assert.Empty(RankMoves(changed));
        Assert.NotEqual(0, Simulated(Usual).Migrations);
        Assert.Equal(0, Simulated(changed).Migrations);
    }

    /// <summary>Rank 0 with four busy tasks on node1 (2 CPUs) and two idle nodes, for two ticks.</summary>
    private static List<MigrationMove> RankMoves(RebalancingPolicy policy)
    {
        var rebalancer = new Rebalancer(policy, (_, _) => { }, _ => { }, NullLogger.Instance);
        rebalancer.Observe(Tune(), T0);
        foreach (var id in new long[] { 1, 2, 3, 4 })
        {
            rebalancer.Observe(Start(Job(id), "node1"), T0);
        }

        NodeLoad[] Loads(TimeSpan cpu) =>
            [NodeOf("node1", 1, [.. Enumerable.Range(1, 4).Select(id => Busy(id, cpu))]), NodeOf("node2", 2), NodeOf("node3", 3)];
        return [.. rebalancer.Tick(Loads(TimeSpan.FromMinutes(10)), T0.AddMinutes(20)), .. rebalancer.Tick(Loads(TimeSpan.FromMinutes(10.5)), T0.AddMinutes(21))];
    }

    /// <summary>Two long processes on a slow node beside an idle fast one.</summary>
    private static ProcessRunResult Simulated(RebalancingPolicy policy)
    {
        SimProcess[] workload = [new(1, 0, 600, "slow", 16L << 20, true, 0, 0), new(2, 0, 600, "slow", 16L << 20, true, 0, 0)];
        NodeSnapshot[] nodes = [new("slow", 1, 8L << 30, 0.5), new("fast", 1, 8L << 30, 2.0)];
        return ProcessSimulator.Run(workload, nodes, policy, MigrationTuning.Defaults);
    }
}
