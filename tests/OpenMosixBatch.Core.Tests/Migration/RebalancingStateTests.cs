using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using static OpenMosixBatch.Tests.Shared.RebalancingFixtures;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class RebalancingStateTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private static readonly TaskKey One = new(1, 0);
    private static readonly RebalancingState Empty = RebalancingState.Empty;

    [Fact]
    public void Started_FirstStart_RecordsHomeNodeAndNoMove()
    {
        var state = Empty.Started(Job(1), 0, "node1", T0);

        var (task, inFlight) = Assert.Single(state.Routed([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))]));
        Assert.Equal(("node1", "node1", (DateTimeOffset?)null, false), (task.Node, task.HomeNode, task.LastMovedAt, inFlight));
    }

    [Fact]
    public void Started_RestartElsewhereWithRestore_KeepsHomeRecordsMoveAndCheckpointSizeAndEndsTheFlight()
    {
        var state = Empty.Started(Job(1), 0, "node1", T0).MoveOrdered(One, T0.AddSeconds(5)).Started(Job(1), 0, "node2", T0.AddSeconds(6), 8192);

        var (task, inFlight) = Assert.Single(state.Routed([NodeOf("node2", 2, Busy(1, TimeSpan.Zero))]));
        Assert.Equal(("node2", "node1", (DateTimeOffset?)T0.AddSeconds(6), 8192L, false), (task.Node, task.HomeNode, task.LastMovedAt, task.CheckpointBytes, inFlight));
    }

    [Fact]
    public void Started_RestartOnSameNode_IsNotAMove()
    {
        var state = Empty.Started(Job(1), 0, "node1", T0).Started(Job(1), 0, "node1", T0.AddSeconds(30), 10);

        Assert.Null(Assert.Single(state.Routed([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))])).Task.LastMovedAt);
    }

    [Fact]
    public void Ended_ForgetsTheTaskAndItsMove()
    {
        var state = Empty.Started(Job(1), 0, "node1", T0).MoveOrdered(One, T0, "node2").Ended(One);

        Assert.Empty(state.Routed([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))]));
        Assert.Empty(state.InFlight);
    }

    [Fact]
    public void Tuned_SetsTheTunablesAndOfflineNodes()
    {
        Assert.Null(Empty.Tuning);

        var state = Empty.Tuned(MigrationTuning.Defaults, ["node3"]);

        Assert.Equal(8141, state.Tuning!.Overheads.EmptyMigration);
        Assert.Equal(["node3"], state.Offline);
    }

    [Fact]
    public void Arrivals_MoveInFlight_IsExpectedAtItsTargetUntilTheTargetShowsIt()
    {
        var state = Empty.Started(Job(1), 0, "node1", T0).MoveOrdered(One, T0.AddSeconds(1), "node2");

        // Still on its source, then between nodes (checkpointed, not restarted), then restarted but not sampled yet.
        Assert.Equal([new ExpectedArrival(1, 0, "node2")], state.Arrivals([NodeOf("node1", 1, Busy(1, TimeSpan.Zero)), NodeOf("node2", 2)], T0.AddSeconds(2), Limit));
        Assert.Equal([new ExpectedArrival(1, 0, "node2")], state.Arrivals([NodeOf("node1", 1), NodeOf("node2", 2)], T0.AddSeconds(3), Limit));
        state = state.Started(Job(1), 0, "node2", T0.AddSeconds(4), 10);
        Assert.Equal([new ExpectedArrival(1, 0, "node2")], state.Arrivals([NodeOf("node1", 1), NodeOf("node2", 2)], T0.AddSeconds(5), Limit));

        Assert.Empty(state.Arrivals([NodeOf("node1", 1), NodeOf("node2", 2, Busy(1, TimeSpan.Zero))], T0.AddSeconds(6), Limit));
    }

    [Fact]
    public void Arrivals_RestartedElsewhereWhileTheLoadsStillShowItOnItsSource_IsExpectedAtItsNewNode()
    {
        // The loads a tick carries were sampled before the task left: they show it where it was.
        var state = Empty.Started(Job(1), 0, "node1", T0).MoveOrdered(One, T0.AddSeconds(1), "node2").Started(Job(1), 0, "node2", T0.AddSeconds(2), 10);

        Assert.Equal([new ExpectedArrival(1, 0, "node2")], state.Arrivals([NodeOf("node1", 1, Busy(1, TimeSpan.Zero)), NodeOf("node2", 2)], T0.AddSeconds(3), Limit));
    }

    [Fact]
    public void Arrivals_ExpiredMoveOrLongEndedTask_IsExpectedNowhere()
    {
        var state = Empty.Started(Job(1), 0, "node1", T0).MoveOrdered(One, T0, "node2");
        var after = T0 + Limit + TimeSpan.FromSeconds(1);

        Assert.Empty(state.Arrivals([NodeOf("node1", 1, Busy(1, TimeSpan.Zero)), NodeOf("node2", 2)], after, Limit));
        Assert.Empty(state.Arrivals([NodeOf("node1", 1), NodeOf("node2", 2)], after, Limit));
    }

    [Fact]
    public void Expire_TaskMovedLongAfterItsFirstStart_IsKeptWhileTheTargetHasNotSampledItYet()
    {
        var state = Empty.Started(Job(1), 0, "node1", T0).Started(Job(1), 0, "node2", T0 + (Limit * 3), 10);

        var unsampled = new[] { NodeOf("node1", 1), NodeOf("node2", 2) };
        state = state.Expire(unsampled, T0 + (Limit * 3) + TimeSpan.FromSeconds(1), Limit);
        Assert.Empty(state.Routed(unsampled));
        var sampled = new[] { NodeOf("node2", 2, Busy(1, TimeSpan.Zero)) };
        Assert.Single(state.Expire(sampled, T0 + (Limit * 3) + TimeSpan.FromSeconds(2), Limit).Routed(sampled));
    }

    [Fact]
    public void Expire_TaskNotInLoads_IsLeftOutAndForgottenAfterTheLimit()
    {
        var state = Empty.Started(Job(1), 0, "node1", T0);

        state = state.Expire([NodeOf("node1", 1)], T0.AddSeconds(1), Limit);
        Assert.Single(state.Tasks);
        state = state.Expire([NodeOf("node1", 1)], T0 + Limit + TimeSpan.FromSeconds(1), Limit);

        Assert.Empty(state.Tasks);
        Assert.Empty(state.Routed([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))]));
    }

    [Fact]
    public void Expire_MoveInFlightLongerThanTheLimit_IsDropped()
    {
        var state = Empty.Started(Job(1), 0, "node1", T0).MoveOrdered(One, T0);
        var loads = new[] { NodeOf("node1", 1, Busy(1, TimeSpan.Zero)) };

        Assert.True(Assert.Single(state.Expire(loads, T0.AddSeconds(10), Limit).Routed(loads)).InFlight);
        Assert.False(Assert.Single(state.Expire(loads, T0 + Limit + TimeSpan.FromSeconds(1), Limit).Routed(loads)).InFlight);
    }
}
