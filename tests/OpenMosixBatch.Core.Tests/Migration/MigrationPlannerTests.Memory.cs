using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

/// <summary>Memory ushering and memory-short targets.</summary>
public sealed partial class MigrationPlannerTests
{
    [Fact]
    public void Plan_NodeBelowLowWater_UshersItsLargestTaskAwayWithoutCpuGain()
    {
        // a: 2 CPUs, 2 tasks, nothing to gain by CPU; 1 GiB free of 16 is below the 10% mark (1.6 GiB).
        var small = Task(1, "a") with { MemoryBytes = Gb };
        var large = Task(2, "a") with { MemoryBytes = 3 * Gb };

        var plan = Plan([Node("a", cpus: 2, demand: 2, free: Gb), Node("b", cpus: 2, demand: 1)], small, large);

        var move = Assert.Single(plan.Moves);
        Assert.Equal((2L, "b", MigrationReason.MemoryUshering), (move.JobId, move.To, move.Reason));
        Assert.True(move.GainMicroseconds <= 0);
        Assert.StartsWith("memory ushering: a has 1 GiB free, below its low-water mark of 1.6 GiB", move.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NodeAboveLowWater_DoesNotUsherWithoutCpuGain()
    {
        var plan = Plan([Node("a", cpus: 2, demand: 2, free: 2 * Gb), Node("b", cpus: 2, demand: 1)], Task(1, "a"), Task(2, "a"));

        Assert.Empty(plan.Moves);
    }

    [Fact]
    public void Plan_Ushering_KeepsMovingUntilTheNodeIsBackAboveItsMark()
    {
        PlannerTask[] tasks = [.. Enumerable.Range(1, 4).Select(i => Task(i, "a") with { MemoryBytes = Gb })];

        // 0 free: needs two 1 GiB moves to reach 1.6 GiB.
        var plan = Plan([Node("a", cpus: 4, demand: 4, free: 0), Node("b", cpus: 4, demand: 2)], tasks);

        Assert.Equal(2, plan.Moves.Count);
        Assert.All(plan.Moves, m => Assert.Equal(MigrationReason.MemoryUshering, m.Reason));
    }

    [Fact]
    public void Plan_Ushering_PrefersTheLeastLoadedNodeOverTheFastest()
    {
        var plan = Plan(
            [Node("a", cpus: 2, demand: 2, free: Gb), Node("fast", cpus: 1, demand: 1, speed: 4), Node("quiet", cpus: 4, speed: 0.5)],
            Task(1, "a") with { MemoryBytes = 2 * Gb });

        Assert.Equal("quiet", Assert.Single(plan.Moves).To);
    }

    [Fact]
    public void Plan_UsheringWithNoRoomAnywhere_StaysAndSaysWhy()
    {
        var plan = Plan([Node("a", demand: 1, free: Gb), Node("b", free: 2 * Gb)], Task(1, "a") with { MemoryBytes = 3 * Gb });

        Assert.Empty(plan.Moves);
        Assert.Equal("memory ushering: no node that accepts migrations has 3 GiB free above its low-water mark", Reason(plan, 1));
    }

    [Fact]
    public void Plan_UsheringRespectsTheCoolDown()
    {
        var task = Task(1, "a") with { MemoryBytes = 2 * Gb, LastMovedAt = Now - TimeSpan.FromSeconds(10) };

        var plan = Plan([Node("a", cpus: 2, demand: 2, free: Gb), Node("b", cpus: 2)], task);

        Assert.Empty(plan.Moves);
        Assert.StartsWith("cool-down", Reason(plan, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TargetWithTooLittleFreeMemory_IsNotChosen()
    {
        var plan = Plan([Node("a", demand: 2), Node("b", free: 4 * Gb)], Task(1, "a") with { MemoryBytes = 8 * Gb });

        Assert.Empty(plan.Moves);
        Assert.Equal("no node that accepts migrations has 8 GiB free above its low-water mark", Reason(plan, 1));
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(12, true)]
    public void Plan_TargetLeftBelowItsLowWaterMark_IsNotChosen(int targetFreeGb, bool moves)
    {
        // 7.5 GiB into 8 GiB free leaves 0.5 GiB, under b's 1.6 GiB mark; into 12 GiB it leaves 4.5.
        var plan = Plan([Node("a", demand: 2), Node("b", free: targetFreeGb * Gb)], Task(1, "a") with { MemoryBytes = 15 * Gb / 2 });

        Assert.Equal(moves, plan.Moves.Count == 1);
    }

    [Fact]
    public void Plan_TwoTasksIntoOneNodesMemory_OnlyTheFirstFits()
    {
        // b is idle with 4 CPUs but has room for one 4 GiB task above its mark: the ledger's free memory updates too.
        var plan = Plan(
            [Node("a", demand: 3), Node("b", cpus: 4, free: 6 * Gb)],
            Task(1, "a") with { MemoryBytes = 4 * Gb },
            Task(2, "a") with { MemoryBytes = 4 * Gb });

        Assert.Single(plan.Moves);
    }
}
