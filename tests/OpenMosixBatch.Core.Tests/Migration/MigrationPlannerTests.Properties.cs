using CsCheck;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

/// <summary>Properties over arbitrary clusters: safety, at most one move per task, determinism.</summary>
public sealed partial class MigrationPlannerTests
{
    private static readonly Gen<double> AnyRate =
        Gen.Frequency((6, Gen.Double[0, 500_000]), (1, Gen.OneOfConst(double.NaN, double.PositiveInfinity, -1.0, 0.0)));

    private static readonly Gen<PlannerNode> AnyNode =
        from cpus in Gen.Int[0, 4]
        from speed in Gen.Frequency((8, Gen.OneOfConst(0.5, 1.0, 2.0)), (1, Gen.OneOfConst(0.0, double.NaN)))
        from demand in AnyRate.Select(r => r / 50_000)
        from memory in Gen.Long[0, 16 * Gb]
        from free in Gen.Double[0, 1]
        from accepts in Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false)))
        from expelling in Gen.Frequency((6, Gen.Const(false)), (1, Gen.Const(true)))
        select new PlannerNode("?", cpus, memory)
        {
            Speed = speed, RunnableDemand = demand, FreeMemoryBytes = (long)(memory * free), AcceptsMigrations = accepts, Expelling = expelling,
        };

    /// <summary>A task on one of <paramref name="nodes"/> nodes, or now and then on a node missing from the table.</summary>
    private static Gen<PlannerTask> AnyTask(int nodes) =>
        from node in Gen.Frequency((9, Gen.Int[0, nodes - 1]), (1, Gen.Const(nodes)))
        from home in Gen.Int[0, nodes]
        from migratable in Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false)))
        from cpu in Gen.Int[0, 100_000]
        from walltime in Gen.Frequency((2, Gen.Const((int?)null)), (1, Gen.Int[0, 200_000].Select(s => (int?)s)))
        from elapsed in Gen.Int[0, 200_000]
        from checkpoint in Gen.Long[0, 1L << 34]
        from memory in Gen.Long[0, 4 * Gb]
        from read in AnyRate
        from write in AnyRate
        from syscalls in AnyRate
        from movedAgo in Gen.Int[-1, 600]
        select new PlannerTask(0, 0, "n" + node, "n" + home)
        {
            Migratable = migratable,
            CpuTime = TimeSpan.FromSeconds(cpu),
            WalltimeEstimate = walltime is { } w ? TimeSpan.FromSeconds(w) : null,
            Elapsed = TimeSpan.FromSeconds(elapsed),
            CheckpointBytes = checkpoint,
            MemoryBytes = memory,
            ReadKbPerSecond = read,
            WriteKbPerSecond = write,
            SyscallsPerSecond = syscalls,
            LastMovedAt = movedAgo < 0 ? null : Now - TimeSpan.FromSeconds(movedAgo),
        };

    private static readonly Gen<PlannerSettings> AnySettings =
        from hysteresis in Gen.Double[0, 1]
        from moves in Gen.Int[0, 6]
        from lowWater in Gen.Double[0, 0.5]
        select PlannerSettings.Defaults with { Hysteresis = hysteresis, MaxMovesPerTick = moves, MemoryLowWaterFraction = lowWater };

    /// <summary>Up to 5 nodes n0..n4 and up to 12 distinct tasks.</summary>
    private static readonly Gen<Scenario> AnyScenario =
        from nodes in AnyNode.Array[1, 5]
        from tasks in AnyTask(nodes.Length).Array[0, 12]
        from settings in AnySettings
        select new Scenario(
            [.. nodes.Select((n, i) => n with { Name = "n" + i })],
            [.. tasks.Select((t, i) => t with { JobId = 100 + (i / 3), TaskIndex = i % 3 })],
            settings);

    [Fact]
    public void Plan_AnyCluster_NeverMovesARunHomeTaskNorOntoANodeThatDoesNotAccept() =>
        AnyScenario.Sample(s =>
        {
            var plan = s.Plan();
            return plan.Moves.All(m =>
            {
                var task = s.Tasks.Single(t => t.JobId == m.JobId && t.TaskIndex == m.TaskIndex);
                var to = s.Nodes.Single(n => n.Name == m.To);
                return task.Migratable && task.Node == m.From && m.To != m.From
                    && to.AcceptsMigrations && !to.Expelling && to.Cpus > 0 && to.Speed > 0;
            });
        });

    [Fact]
    public void Plan_AnyCluster_MovesEachTaskAtMostOnceWithinTheLimit() =>
        AnyScenario.Sample(s =>
        {
            var plan = s.Plan();
            return plan.Moves.Select(m => (m.JobId, m.TaskIndex)).Distinct().Count() == plan.Moves.Count
                && plan.Moves.Count <= s.Settings.MaxMovesPerTick;
        });

    [Fact]
    public void Plan_AnyCluster_AccountsForEveryTaskExactlyOnce() =>
        AnyScenario.Sample(s =>
        {
            var plan = s.Plan();
            var seen = plan.Moves.Select(m => (m.JobId, m.TaskIndex)).Concat(plan.Stays.Select(x => (x.JobId, x.TaskIndex))).ToList();
            return seen.Count == s.Tasks.Length && seen.Distinct().Count() == seen.Count
                && plan.Stays.All(x => x.Reason.Length > 0 && !x.Reason.Contains('\n', StringComparison.Ordinal));
        });

    [Fact]
    public void Plan_AnyCluster_CpuGainMovesPayForThemselvesAndCoolDownsHold() =>
        AnyScenario.Sample(s =>
        {
            var plan = s.Plan();
            return plan.Moves.All(m =>
            {
                var task = s.Tasks.Single(t => t.JobId == m.JobId && t.TaskIndex == m.TaskIndex);
                var cooling = task.LastMovedAt is { } at && Now - at < s.Settings.CoolDown;
                return double.IsFinite(m.GainMicroseconds) && double.IsFinite(m.CostMicroseconds)
                    && (m.Reason != MigrationReason.CpuGain || m.GainMicroseconds > m.CostMicroseconds * (1 + s.Settings.Hysteresis))
                    && (m.Reason == MigrationReason.Expel || !cooling);
            });
        });

    [Fact]
    public void Plan_AnyCluster_IsDeterministicWhateverTheInputOrder() =>
        AnyScenario.Sample(s =>
        {
            var first = s.Plan();
            var again = s.Plan();
            var reversed = MigrationPlanner.Plan([.. s.Nodes.Reverse()], [.. s.Tasks.Reverse()], s.Settings, Now);
            return first.Moves.SequenceEqual(again.Moves) && first.Stays.SequenceEqual(again.Stays)
                && first.Moves.SequenceEqual(reversed.Moves) && first.Stays.SequenceEqual(reversed.Stays);
        });

    [Fact]
    public void AnyScenario_ProducesEveryKindOfMove_SoThePropertiesAreNotVacuous()
    {
        var reasons = new HashSet<MigrationReason>();
        var scenarios = AnyScenario.Array[400].Single();

        foreach (var s in scenarios)
        {
            reasons.UnionWith(s.Plan().Moves.Select(m => m.Reason));
        }

        // Manual is an administrator's omb migrate, never the planner's.
        Assert.Equal(Enum.GetValues<MigrationReason>().Except([MigrationReason.Manual]).Order(), reasons.Order());
    }

    private sealed record Scenario(PlannerNode[] Nodes, PlannerTask[] Tasks, PlannerSettings Settings)
    {
        public MigrationPlan Plan() => MigrationPlanner.Plan(Nodes, Tasks, Settings, Now);

        public override string ToString() =>
            string.Join("; ", Nodes.Select(n => n.ToString())) + " | " + string.Join("; ", Tasks.Select(t => t.ToString())) + " | " + Settings;
    }
}
