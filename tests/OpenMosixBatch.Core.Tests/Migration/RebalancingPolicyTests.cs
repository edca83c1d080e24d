using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using static OpenMosixBatch.Tests.Shared.RebalancingFixtures;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class RebalancingPolicyTests
{
    private static readonly RebalancingPolicy Policy = RebalancingPolicy.Default with { InFlightLimit = TimeSpan.FromSeconds(30) };

    /// <summary>node1 (2 CPUs) runs four busy tasks with ten minutes of CPU each; node2 and node3 are idle.</summary>
    private static readonly NodeLoad[] Crowded =
    [
        NodeOf("node1", 1, [.. Enumerable.Range(1, 4).Select(id => Busy(id, TimeSpan.FromMinutes(10)))]),
        NodeOf("node2", 2),
        NodeOf("node3", 3),
    ];

    [Fact]
    public void Decide_Tuned_SendsTasksOfACrowdedNodeToTheIdleOnes_AndMarksThemInFlightToTheirTargets()
    {
        var decision = Decide(Started(Tuned()), T0.AddSeconds(10));

        Assert.Equal(["node2", "node3"], decision.Moves.Select(m => m.To).Order());
        Assert.All(decision.Moves, m => Assert.Equal(new InFlightMove(T0.AddSeconds(10), m.To), decision.State.InFlight[new TaskKey(m.JobId, m.TaskIndex)]));
    }

    [Fact]
    public void Decide_BeforeTheFirstTune_MovesNothingAndReportsNothing()
    {
        var decision = Decide(Started(RebalancingState.Empty), T0.AddSeconds(10));

        Assert.Empty(decision.Moves);
        Assert.Empty(decision.Stays);
    }

    [Fact]
    public void Decide_MigrationOff_MovesNothing()
    {
        var off = RebalancingState.Empty.Tuned(MigrationTuning.Defaults with { MigrationEnabled = false }, []);

        Assert.Empty(Decide(Started(off), T0.AddSeconds(10)).Moves);
    }

    [Fact]
    public void Decide_OfflineNode_ExpelsItsMigratableTaskAndKeepsTheRunHomeOne()
    {
        var state = RebalancingState.Empty.Tuned(MigrationTuning.Defaults, ["node1"])
            .Started(Job(1), 0, "node1", T0).Started(Job(2, migratable: false), 0, "node1", T0);
        NodeLoad[] loads = [NodeOf("node1", 1, Busy(1, TimeSpan.Zero), Busy(2, TimeSpan.Zero)), NodeOf("node2", 2)];

        var decision = Policy.Decide(state, loads, LoadReading.Declared(loads), T0.AddSeconds(1));

        var move = Assert.Single(decision.Moves);
        Assert.Equal((1L, "node2", MigrationReason.Expel), (move.JobId, move.To, move.Reason));
        Assert.Equal(StayCause.NotMigratable, Assert.Single(decision.Stays, s => s.JobId == 2).Cause);
    }

    [Fact]
    public void Decide_OfflineNode_ReceivesNothing()
    {
        var state = Started(RebalancingState.Empty.Tuned(MigrationTuning.Defaults, ["node2", "node3"]));

        Assert.Empty(Decide(state, T0.AddSeconds(10)).Moves);
    }

    [Fact]
    public void Decide_MoveInFlight_IsNotPlannedAgainWithinTheInFlightLimit_ButIsOnceItExpires()
    {
        var first = Decide(Started(Tuned()), T0.AddSeconds(10));
        var moved = first.Moves.Select(m => m.JobId).ToHashSet();
        Assert.NotEmpty(moved);

        // The moves never restarted anywhere: the loads still show the tasks on node1.
        var within = Decide(first.State, T0.AddSeconds(10) + Policy.InFlightLimit);
        Assert.DoesNotContain(within.Moves, m => moved.Contains(m.JobId));
        Assert.DoesNotContain(within.Stays, s => moved.Contains(s.JobId));

        var after = Decide(within.State, T0.AddSeconds(11) + Policy.InFlightLimit);
        Assert.DoesNotContain(after.State.InFlight, p => p.Value.At == T0.AddSeconds(10));
        Assert.Contains(after.Moves, m => moved.Contains(m.JobId));
    }

    [Fact]
    public void Decide_AnOrderedMoveOfAnAdministrator_IsNotPlanned()
    {
        var state = Started(Tuned()).MoveOrdered(new TaskKey(1, 0), T0, "node2").MoveOrdered(new TaskKey(2, 0), T0, "node3");

        var decision = Decide(state, T0.AddSeconds(10));

        Assert.DoesNotContain(decision.Moves, m => m.JobId is 1 or 2);
    }

    [Fact]
    public void Decide_TasksThatStay_ReportTheirReasonOnce_NotOnEveryTick()
    {
        NodeLoad[] loads = [NodeOf("node1", 1, Busy(1, TimeSpan.FromMinutes(10)), Busy(2, TimeSpan.FromMinutes(10)))];
        var state = Tuned().Started(Job(1), 0, "node1", T0).Started(Job(2), 0, "node1", T0);

        var first = Policy.Decide(state, loads, LoadReading.Declared(loads), T0.AddSeconds(10));
        var second = Policy.Decide(first.State, loads, LoadReading.Declared(loads), T0.AddSeconds(11));

        Assert.Equal([1L, 2L], first.Stays.Select(s => s.JobId).Order());
        Assert.Empty(second.Stays);
    }

    [Fact]
    public void Decide_AKnobOfThePolicy_ChangesItsDecision()
    {
        var wary = Policy with { Planner = Policy.Planner with { Hysteresis = 1e9 } };

        Assert.NotEmpty(Decide(Started(Tuned()), T0.AddSeconds(10)).Moves);
        Assert.Empty(wary.Decide(Started(Tuned()), Crowded, LoadReading.Declared(Crowded), T0.AddSeconds(10)).Moves);
    }

    [Fact]
    public void Settings_TakeTheTunablesInForceAndThePolicysKnobs()
    {
        var tuning = MigrationTuning.Defaults with { Overheads = Overheads.Defaults with { EmptyMigration = 1 } };
        var policy = Policy with { Planner = Policy.Planner with { MaxMovesPerTick = 2 } };

        var settings = policy.Settings(tuning);

        Assert.Equal((1L, 2), (settings.Overheads.EmptyMigration, settings.MaxMovesPerTick));
    }

    private static RebalancingState Tuned() => RebalancingState.Empty.Tuned(MigrationTuning.Defaults, []);

    private static RebalancingState Started(RebalancingState state) =>
        Enumerable.Range(1, 4).Aggregate(state, (s, id) => s.Started(Job(id), 0, "node1", T0));

    private static RebalancingDecision Decide(RebalancingState state, DateTimeOffset now) =>
        Policy.Decide(state, Crowded, LoadReading.Declared(Crowded), now);
}
