using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class StayReasonsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly StayReasons _reasons = new();

    private static TaskStay Stay(long job, StayCause cause, string reason, string? target = null) =>
        new(job, 0, "node1", cause, reason) { Target = target };

    [Fact]
    public void Changed_FirstTick_SendsEveryStay()
    {
        TaskStay[] stays = [Stay(1, StayCause.NoOtherNodeAccepts, "no other node accepts migrations"), Stay(2, StayCause.NotMigratable, "not migratable (run home): it never moves once started")];

        Assert.Equal(stays, _reasons.Changed(stays, T0));
    }

    [Fact]
    public void Changed_SameReasonNextTick_SendsNothing()
    {
        _reasons.Changed([Stay(1, StayCause.NoOtherNodeAccepts, "no other node accepts migrations")], T0);

        Assert.Empty(_reasons.Changed([Stay(1, StayCause.NoOtherNodeAccepts, "no other node accepts migrations")], T0.AddHours(1)));
    }

    [Fact]
    public void Changed_OtherCause_IsSentAtOnce()
    {
        _reasons.Changed([Stay(1, StayCause.CoolDown, "cool-down: moved 1 s ago, may move again in 29 s")], T0);
        var next = Stay(1, StayCause.NoFasterNode, "no node finishes it sooner: the best, node2, no sooner", "node2");

        Assert.Equal([next], _reasons.Changed([next], T0.AddSeconds(1)));
    }

    [Fact]
    public void Changed_OnlyFiguresChange_IsSentOncePerRefresh()
    {
        _reasons.Changed([Stay(1, StayCause.GainBelowCost, "the best move, to node2, gains 0.8 s, not more than its cost 2.1 s × 1.1 (hysteresis)", "node2")], T0);
        var later = Stay(1, StayCause.GainBelowCost, "the best move, to node2, gains 0.95 s, not more than its cost 2.1 s × 1.1 (hysteresis)", "node2");

        Assert.Empty(_reasons.Changed([later], T0 + StayReasons.Refresh - TimeSpan.FromSeconds(1)));
        Assert.Equal([later], _reasons.Changed([later], T0 + StayReasons.Refresh));
    }

    [Fact]
    public void Changed_TaskThatLeftThePlan_IsNewsWhenItStaysAgain()
    {
        var stay = Stay(1, StayCause.NoOtherNodeAccepts, "no other node accepts migrations");
        _reasons.Changed([stay], T0);
        _reasons.Changed([], T0.AddSeconds(1));

        Assert.Equal([stay], _reasons.Changed([stay], T0.AddSeconds(2)));
    }

    [Fact]
    public void Changed_TasksAreTrackedApart()
    {
        _reasons.Changed([Stay(1, StayCause.NotMigratable, "a"), Stay(2, StayCause.NotMigratable, "b")], T0);

        Assert.Equal([Stay(2, StayCause.NoOtherNodeAccepts, "c")], _reasons.Changed([Stay(1, StayCause.NotMigratable, "a"), Stay(2, StayCause.NoOtherNodeAccepts, "c")], T0.AddSeconds(1)));
    }

    [Fact]
    public void Changed_SameFiguresOtherTarget_IsSentAtOnce()
    {
        _reasons.Changed([Stay(1, StayCause.NoFasterNode, "no node finishes it sooner: the best, node2, no sooner", "node2")], T0);
        var next = Stay(1, StayCause.NoFasterNode, "no node finishes it sooner: the best, node3, no sooner", "node3");

        Assert.Equal([next], _reasons.Changed([next], T0.AddSeconds(1)));
    }
}
