using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

/// <summary>Who may move and where: run-home tasks, nodes that do not accept migrations, expel.</summary>
public sealed partial class MigrationPlannerTests
{
    [Fact]
    public void Plan_NonMigratableTask_NeverMoves()
    {
        var plan = Plan([Node("a", demand: 3), Node("b", cpus: 2)], Task(1, "a") with { Migratable = false }, Task(2, "a"));

        Assert.Equal(2L, Assert.Single(plan.Moves).JobId);
        Assert.Equal("not migratable (run home): it never moves once started", Reason(plan, 1));
    }

    [Fact]
    public void Plan_IdleNodeThatDoesNotAcceptMigrations_IsNotATarget()
    {
        var plan = Plan([Node("a", demand: 2), Node("b") with { AcceptsMigrations = false }], Task(1, "a"));

        Assert.Empty(plan.Moves);
        Assert.Equal("no other node accepts migrations", Reason(plan, 1));
    }

    [Fact]
    public void Plan_DrainedIdleNodeAndAcceptingNode_ChoosesTheAcceptingOne()
    {
        var plan = Plan([Node("a", demand: 3), Node("b") with { AcceptsMigrations = false }, Node("c", cpus: 2, demand: 1)], Task(1, "a"));

        Assert.Equal("c", Assert.Single(plan.Moves).To);
    }

    [Fact]
    public void Plan_NodeWithoutCpusOrSpeed_IsNotATarget()
    {
        var plan = Plan([Node("a", demand: 2), Node("b", cpus: 0), Node("c", speed: 0), Node("d", speed: double.NaN)], Task(1, "a"));

        Assert.Empty(plan.Moves);
    }

    [Fact]
    public void Plan_ExpellingNode_MovesItsMigratableTasksRegardlessOfGain()
    {
        // b is half as fast, so staying would be better; expel moves it anyway, ignoring the cool-down.
        var expelled = Node("a") with { Expelling = true, AcceptsMigrations = false };
        var task = Task(1, "a") with { LastMovedAt = Now - TimeSpan.FromSeconds(5) };

        var plan = Plan([expelled, Node("b", speed: 0.5)], task, Task(2, "a") with { Migratable = false });

        var move = Assert.Single(plan.Moves);
        Assert.Equal((1L, "a", "b", MigrationReason.Expel), (move.JobId, move.From, move.To, move.Reason));
        Assert.True(move.GainMicroseconds < 0);
        Assert.Equal("expel: a is being expelled; b runs it best (3600 s later)", move.Detail);
        Assert.Equal("not migratable (run home): stays on a although it is being expelled", Reason(plan, 2));
    }

    [Fact]
    public void Plan_ExpellingNode_SpreadsItsTasksOverTheBestNodes()
    {
        var expelled = Node("a", cpus: 2, demand: 2) with { Expelling = true };

        var plan = Plan([expelled, Node("b"), Node("c")], Task(1, "a"), Task(2, "a"));

        Assert.Equal(["b", "c"], plan.Moves.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(plan.Moves, m => Assert.Equal(MigrationReason.Expel, m.Reason));
    }

    [Fact]
    public void Plan_ExpellingNodeWithNowhereToGo_StaysAndSaysWhy()
    {
        var plan = Plan([Node("a") with { Expelling = true }, Node("b") with { AcceptsMigrations = false }], Task(1, "a"));

        Assert.Empty(plan.Moves);
        Assert.Equal("expel: no other node accepts migrations", Reason(plan, 1));
    }

    [Fact]
    public void Plan_ExpellingNode_IsNeverATarget()
    {
        var plan = Plan([Node("a", demand: 2), Node("b") with { Expelling = true }], Task(1, "a"));

        Assert.Empty(plan.Moves);
    }

    [Fact]
    public void Plan_ExpelBeforeCpuGain_WhenTheMoveLimitIsShort()
    {
        var settings = PlannerSettings.Defaults with { MaxMovesPerTick = 1 };

        var plan = MigrationPlanner.Plan(
            [Node("a", demand: 4), Node("b", cpus: 4), Node("x") with { Expelling = true }],
            [Task(1, "a"), Task(2, "x")],
            settings,
            Now);

        Assert.Equal(MigrationReason.Expel, Assert.Single(plan.Moves).Reason);
        Assert.StartsWith("move limit of 1 per tick reached", Reason(plan, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TaskOnUnknownNode_StaysWithAReason()
    {
        var plan = Plan([Node("b")], Task(1, "gone"));

        Assert.Empty(plan.Moves);
        Assert.Equal("node gone is not in this tick's load table: nothing is decided for it", Reason(plan, 1));
    }
}
