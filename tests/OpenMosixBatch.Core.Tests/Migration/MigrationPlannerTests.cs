using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

/// <summary>Every clause of DESIGN §6, each with a case where it decides the move and one where it forbids it.</summary>
public sealed partial class MigrationPlannerTests
{
    private const long Gb = 1L << 30;
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_TaskOnBusyNodeAndIdleNode_MovesItForCpuGain()
    {
        var plan = Plan([Node("a", demand: 2), Node("b")], Task(1, "a"));

        var move = Assert.Single(plan.Moves);
        Assert.Equal((1L, 0, "a", "b", MigrationReason.CpuGain), (move.JobId, move.TaskIndex, move.From, move.To, move.Reason));
        Assert.Equal(3600e6, move.GainMicroseconds, 3);
        Assert.StartsWith("cpu gain: finishes 3600 s sooner on b than on a", move.Detail, StringComparison.Ordinal);
        Assert.Empty(plan.Stays);
    }

    [Fact]
    public void Plan_EquallyLoadedNodes_StaysBecauseNoNodeIsFaster()
    {
        var plan = Plan([Node("a", demand: 1), Node("b", demand: 1)], Task(1, "a"));

        Assert.Empty(plan.Moves);
        Assert.StartsWith("no node finishes it sooner: the best, b, 3600 s later", Reason(plan, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FasterIdleNode_DrawsWorkEvenWhenTheSourceIsNotOverloaded()
    {
        var plan = Plan([Node("a", demand: 1), Node("b", speed: 2)], Task(1, "a"));

        Assert.Equal("b", Assert.Single(plan.Moves).To);
    }

    [Fact]
    public void Plan_CostAboveGain_Stays()
    {
        // One second of work left (age heuristic), an 8 GiB checkpoint: hundreds of seconds to move.
        var task = Task(1, "a") with { CpuTime = TimeSpan.FromSeconds(1), CheckpointBytes = 8 * Gb };

        var plan = Plan([Node("a", demand: 2), Node("b")], task);

        Assert.Empty(plan.Moves);
        Assert.StartsWith("the best move, to b, gains 1 s, not more than its cost", Reason(plan, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_GainAboveCostForTheSameWork_Moves()
    {
        var task = Task(1, "a") with { CpuTime = TimeSpan.FromSeconds(1), CheckpointBytes = 64 * 1024 };

        var plan = Plan([Node("a", demand: 2), Node("b")], task);

        Assert.Single(plan.Moves);
    }

    [Fact]
    public void Plan_ShortRemainingWalltimeWithManyDirtyPages_Stays()
    {
        var task = Task(1, "a") with
        {
            CpuTime = TimeSpan.FromHours(5),
            WalltimeEstimate = TimeSpan.FromHours(6),
            Elapsed = TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1),
            CheckpointBytes = Gb,
        };

        var plan = Plan([Node("a", demand: 2), Node("b")], task);

        Assert.Empty(plan.Moves);
        Assert.Contains("not more than its cost", Reason(plan, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_LongRemainingWalltimeWithTheSameDirtyPages_Moves()
    {
        var task = Task(1, "a") with
        {
            CpuTime = TimeSpan.FromSeconds(1),
            WalltimeEstimate = TimeSpan.FromHours(10),
            Elapsed = TimeSpan.FromHours(1),
            CheckpointBytes = Gb,
        };

        var plan = Plan([Node("a", demand: 2), Node("b")], task);

        Assert.Equal(9 * 3600e6, Assert.Single(plan.Moves).GainMicroseconds, 3);
    }

    [Fact]
    public void Plan_YoungTaskWithoutWalltime_StaysByTheAgeHeuristic()
    {
        var task = Task(1, "a") with { CpuTime = TimeSpan.FromSeconds(1), CheckpointBytes = 8L << 20 };

        var plan = Plan([Node("a", demand: 2), Node("b")], task);

        Assert.Empty(plan.Moves);
    }

    [Fact]
    public void Plan_WalltimeEstimateOverrunsItsAge_CountsRemainingWalltimeNotCpuTime()
    {
        var old = Task(1, "a") with
        {
            CpuTime = TimeSpan.FromHours(10),
            WalltimeEstimate = TimeSpan.FromHours(10),
            Elapsed = TimeSpan.FromHours(11),
        };

        var plan = Plan([Node("a", demand: 2), Node("b")], old);

        Assert.Empty(plan.Moves);
        Assert.StartsWith("no node finishes it sooner", Reason(plan, 1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(800_000, false)]
    [InlineData(799_999, true)]
    public void Plan_GainAtCostTimesOnePlusHysteresis_IsTheBoundary(long emptyMigration, bool moves)
    {
        // Gain is exactly 1 s (1 s of work at rate 0.5 against 1); cost is the empty migration alone; 0.8 s × 1.25 = 1 s.
        var settings = PlannerSettings.Defaults with
        {
            Overheads = Overheads.FromValues(new long[14]) with { EmptyMigration = emptyMigration },
            MfsCosts = MfsCosts.FromValues(new long[6]),
        };
        var task = Task(1, "a") with { CpuTime = TimeSpan.FromSeconds(1), CheckpointBytes = 0 };

        var plan = MigrationPlanner.Plan([Node("a", demand: 2), Node("b")], [task], settings, Now);

        Assert.Equal(moves, plan.Moves.Count == 1);
        if (!moves)
        {
            Assert.Equal("the best move, to b, gains 1 s, not more than its cost 0.8 s × 1.25 (hysteresis)", Reason(plan, 1));
        }
    }

    [Fact]
    public void Plan_ThreeTasksOnBusyNodeOneIdleOneCpuNode_MovesOnlyOne()
    {
        var plan = Plan([Node("a", demand: 3), Node("b")], Task(1, "a"), Task(2, "a"), Task(3, "a"));

        Assert.Single(plan.Moves);
        Assert.Equal(2, plan.Stays.Count);
        Assert.All(plan.Stays, s => Assert.StartsWith("no node finishes it sooner", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_ThreeTasksOnBusyNodeIdleTwoCpuNode_MovesTwoAsLoadsUpdate()
    {
        var settings = PlannerSettings.Defaults with { MaxGainArrivalsPerNode = 2 };

        var plan = MigrationPlanner.Plan([Node("a", demand: 3), Node("b", cpus: 2)], [Task(1, "a"), Task(2, "a"), Task(3, "a")], settings, Now);

        Assert.Equal(2, plan.Moves.Count);
        Assert.All(plan.Moves, m => Assert.Equal("b", m.To));
    }

    [Fact]
    public void Plan_SecondGainMoveToTheSameNode_WaitsForItsNewLoadToBeMeasured()
    {
        var plan = Plan([Node("a", demand: 3), Node("b", cpus: 2)], Task(1, "a"), Task(2, "a"), Task(3, "a"));

        Assert.Equal("b", Assert.Single(plan.Moves).To);
        Assert.All(plan.Stays, s => Assert.StartsWith("b already takes 1 task(s) this tick and more wait until its new load is measured; moving there would gain", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_ExpelledNode_SendsSeveralTasksToOneNodeAtOnce()
    {
        var plan = Plan([Node("a", demand: 2) with { Expelling = true }, Node("b", cpus: 2)], Task(1, "a"), Task(2, "a"));

        Assert.Equal(["b", "b"], plan.Moves.Select(m => m.To));
    }

    [Fact]
    public void Plan_TwoIdleNodes_SpreadsTheTasksInsteadOfHerding()
    {
        var plan = Plan([Node("a", demand: 3), Node("b"), Node("c")], Task(1, "a"), Task(2, "a"), Task(3, "a"));

        Assert.Equal(["b", "c"], plan.Moves.Select(m => m.To).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Plan_TaskMovedWithinTheCoolDown_Stays()
    {
        var task = Task(1, "a") with { LastMovedAt = Now - TimeSpan.FromSeconds(30) };

        var plan = Plan([Node("a", demand: 2), Node("b")], task);

        Assert.Empty(plan.Moves);
        Assert.Equal("cool-down: moved 30 s ago, may move again in 90 s", Reason(plan, 1));
    }

    [Theory]
    [InlineData(120)]
    [InlineData(3600)]
    public void Plan_TaskMovedAtLeastTheCoolDownAgo_Moves(int secondsAgo)
    {
        var task = Task(1, "a") with { LastMovedAt = Now - TimeSpan.FromSeconds(secondsAgo) };

        var plan = Plan([Node("a", demand: 2), Node("b")], task);

        Assert.Single(plan.Moves);
    }

    [Fact]
    public void Plan_SeveralGains_ChoosesBestFirst()
    {
        var small = Task(1, "a") with { CpuTime = TimeSpan.FromMinutes(1) };
        var large = Task(2, "c") with { CpuTime = TimeSpan.FromHours(2) };

        var plan = MigrationPlanner.Plan([Node("a", demand: 2), Node("b", cpus: 2), Node("c", demand: 2)], [small, large], PlannerSettings.Defaults with { MaxGainArrivalsPerNode = 2 }, Now);

        Assert.Equal([2L, 1L], plan.Moves.Select(m => m.JobId));
        Assert.True(plan.Moves[0].GainMicroseconds > plan.Moves[1].GainMicroseconds);
    }

    [Fact]
    public void Plan_MoreGainsThanTheMoveLimit_StopsAtTheLimitAndSaysSo()
    {
        var settings = PlannerSettings.Defaults with { MaxMovesPerTick = 2, MaxGainArrivalsPerNode = 8 };
        PlannerTask[] tasks = [.. Enumerable.Range(1, 4).Select(i => Task(i, "a"))];

        var plan = MigrationPlanner.Plan([Node("a", demand: 4), Node("b", cpus: 8)], tasks, settings, Now);

        Assert.Equal(2, plan.Moves.Count);
        Assert.All(plan.Stays, s => Assert.StartsWith("move limit of 2 per tick reached; moving to b would gain", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_NoTasks_IsEmpty()
    {
        var plan = Plan([Node("a")]);

        Assert.Empty(plan.Moves);
        Assert.Empty(plan.Stays);
    }

    private static PlannerNode Node(string name, int cpus = 1, double demand = 0, double speed = 1.0, long memory = 16 * Gb, long? free = null) =>
        new(name, cpus, memory) { RunnableDemand = demand, Speed = speed, FreeMemoryBytes = free ?? memory };

    /// <summary>A CPU-bound task with an hour of CPU time, a 1 MiB checkpoint and 1 GiB of memory, at home where it runs.</summary>
    private static PlannerTask Task(long job, string node, string? home = null) =>
        new(job, 0, node, home ?? node) { CpuTime = TimeSpan.FromHours(1), CheckpointBytes = 1L << 20, MemoryBytes = Gb };

    private static MigrationPlan Plan(IReadOnlyList<PlannerNode> nodes, params PlannerTask[] tasks) =>
        MigrationPlanner.Plan(nodes, tasks, PlannerSettings.Defaults, Now);

    private static string Reason(MigrationPlan plan, long job) => plan.Stays.Single(s => s.JobId == job).Reason;
}
