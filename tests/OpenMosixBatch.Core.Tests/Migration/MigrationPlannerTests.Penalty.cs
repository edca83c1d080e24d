using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

/// <summary>The remote I/O and system-call penalty for running away from the home node.</summary>
public sealed partial class MigrationPlannerTests
{
    [Fact]
    public void Plan_HeavyReaderAtHome_StaysHome()
    {
        // 200 MB/s read at (18 − 11) µs per KB costs 1.4 µs per µs away: worse than half speed at home.
        var reader = Task(1, "a") with { ReadKbPerSecond = 200_000 };

        var plan = Plan([Node("a", demand: 2), Node("b")], reader);

        Assert.Empty(plan.Moves);
        Assert.StartsWith("no node finishes it sooner: the best, b, 1440 s later", Reason(plan, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CpuOnlyTaskBesideTheReader_Moves()
    {
        var reader = Task(1, "a") with { ReadKbPerSecond = 200_000 };

        var plan = Plan([Node("a", demand: 3), Node("b")], reader, Task(2, "a"));

        Assert.Equal(2L, Assert.Single(plan.Moves).JobId);
    }

    [Fact]
    public void Plan_SyscallHeavyTask_PaysTheRemoteSyscallDifference()
    {
        var overheads = Overheads.Defaults with { RemoteSyscall = 100, HomeSyscall = 10 };
        var settings = PlannerSettings.Defaults with { Overheads = overheads };
        var chatty = Task(1, "a") with { SyscallsPerSecond = 20_000 }; // 20,000 × 90 µs = 1.8 s per second away

        var plan = MigrationPlanner.Plan([Node("a", demand: 2), Node("b")], [chatty], settings, Now);

        Assert.Empty(plan.Moves);
    }

    [Fact]
    public void Plan_HeavyReaderAwayFromHome_MovesBackHomeAtEqualLoad()
    {
        // Same rate on both nodes: only the remote penalty separates them, and going home removes it.
        var reader = Task(1, "a", home: "b") with { ReadKbPerSecond = 10_000 };

        var plan = Plan([Node("a", demand: 1), Node("b", cpus: 2)], reader);

        var move = Assert.Single(plan.Moves);
        Assert.Equal("b", move.To);
        Assert.Equal(3600e6 * 0.07, move.GainMicroseconds, 3);
    }

    [Fact]
    public void Plan_CpuOnlyTaskAwayFromHome_DoesNotMoveHomeAtEqualLoad()
    {
        var plan = Plan([Node("a", demand: 1), Node("b", cpus: 2)], Task(1, "a", home: "b"));

        Assert.Empty(plan.Moves);
    }

    [Fact]
    public void Plan_HeavyWriterWithTheFaqDefaults_IsNotPushedAwayFromHome()
    {
        // The FAQ's remote per-KB-written overhead (12) is below the home one (18): that must not become a bonus.
        var writer = Task(1, "a") with { WriteKbPerSecond = 1_000_000 };

        var plan = Plan([Node("a", demand: 1), Node("b")], writer);

        Assert.Empty(plan.Moves);
    }
}
