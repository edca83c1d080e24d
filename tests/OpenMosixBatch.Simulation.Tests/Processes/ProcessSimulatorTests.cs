using CsCheck;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Simulation.Processes;

namespace OpenMosixBatch.Simulation.Tests.Processes;

public sealed class ProcessSimulatorTests
{
    private static readonly NodeSnapshot Slow = new("slow", 1, 8L << 30, 0.5);
    private static readonly NodeSnapshot Fast = new("fast", 1, 8L << 30, 2.0);
    private static readonly MigrationTuning On = MigrationTuning.Defaults;
    private static readonly MigrationTuning Off = MigrationTuning.Defaults with { MigrationEnabled = false };

    private static SimProcess Process(int id, double work, string home = "slow", bool checkpointing = true, long memory = 16L << 20) =>
        new(id, 0, work, home, memory, checkpointing, 0, 0);

    [Fact]
    public void Run_TwoLongProcessesOnASlowNode_MigrationMovesOneToTheIdleFastNodeAndEndsSooner()
    {
        SimProcess[] workload = [Process(1, 600), Process(2, 600)];

        var off = ProcessSimulator.Run(workload, [Slow, Fast], RebalancingPolicy.Default, Off);
        var on = ProcessSimulator.Run(workload, [Slow, Fast], RebalancingPolicy.Default, On);

        Assert.Equal(0, off.Migrations);
        Assert.Equal(2400, off.Makespan, 1);   // each at half of 0.5
        Assert.InRange(on.Migrations, 1, 3);   // the first to the idle fast node; the other may follow once alone it is still slower
        Assert.True(on.Makespan < off.Makespan / 1.5, $"on {on.Makespan} off {off.Makespan}");
        Assert.True(on.MeanSlowdown < off.MeanSlowdown);
    }

    [Fact]
    public void Run_ProcessesThatDoNotCheckpoint_NeverMove()
    {
        SimProcess[] workload = [Process(1, 600, checkpointing: false), Process(2, 600, checkpointing: false)];

        var on = ProcessSimulator.Run(workload, [Slow, Fast], RebalancingPolicy.Default, On);

        Assert.Equal(0, on.Migrations);
        Assert.Equal(2400, on.Makespan, 1);
    }

    [Fact]
    public void Run_CostlierTunables_MoveLessOrTakeLongerInFlight()
    {
        SimProcess[] workload = [Process(1, 600, memory: 512L << 20), Process(2, 600, memory: 512L << 20)];
        var costly = On with { Overheads = Overheads.Defaults with { PerDirtyPage = 100_000 } };

        var cheap = ProcessSimulator.Run(workload, [Slow, Fast], RebalancingPolicy.Default, On);
        var dear = ProcessSimulator.Run(workload, [Slow, Fast], RebalancingPolicy.Default, costly);

        Assert.True(dear.Migrations < cheap.Migrations || dear.MigrationSeconds > cheap.MigrationSeconds);
        Assert.True(dear.Makespan >= cheap.Makespan);
    }

    [Fact]
    public void Run_AnyWorkload_MakespanAtOrAboveItsLowerBoundEitherWay()
    {
        NodeSnapshot[] nodes = [Slow, Fast, new("mid", 2, 8L << 30, 1.0)];
        Gen.Select(Gen.Int[1, 1000], Gen.Int[1, 60], Gen.Double[0.2, 1.5]).Sample((seed, count, load) =>
        {
            var workload = ProcessWorkload.Generate(new ProcessWorkloadSpec(count, seed, load, MaxLifetimeSeconds: 300), nodes);
            for (var on = 0; on < 2; on++)
            {
                var r = ProcessSimulator.Run(workload, nodes, RebalancingPolicy.Default, on == 1 ? On : Off);
                Assert.True(r.Makespan >= r.LowerBound - 1e-6, $"{r}");
                Assert.True(r.MeanSlowdown >= 1 - 1e-9, $"{r}");
                Assert.Equal(count, r.Processes);
            }
        }, iter: 40);
    }
}
