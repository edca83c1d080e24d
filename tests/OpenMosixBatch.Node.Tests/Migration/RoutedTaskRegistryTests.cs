using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Node.Migration;
using static OpenMosixBatch.Node.Tests.Migration.MigrationFixtures;
using static OpenMosixBatch.Tests.Shared.RebalancingFixtures;

namespace OpenMosixBatch.Node.Tests.Migration;

public sealed class RoutedTaskRegistryTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly RoutedTaskRegistry _registry = new();

    [Fact]
    public void Observe_FirstStart_RecordsHomeNodeAndNoMove()
    {
        _registry.Observe(Start(Job(1), "node1"), T0);

        var (task, inFlight) = Assert.Single(_registry.Current([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))], T0, Limit));
        Assert.Equal(("node1", "node1", (DateTimeOffset?)null, false), (task.Node, task.HomeNode, task.LastMovedAt, inFlight));
    }

    [Fact]
    public void Observe_RestartElsewhereWithRestore_KeepsHomeRecordsMoveAndCheckpointSize()
    {
        _registry.Observe(Start(Job(1), "node1"), T0);
        _registry.MarkInFlight(1, 0, T0.AddSeconds(5));
        _registry.Observe(Start(Job(1), "node2", new CheckpointRef(1, 8192, "ab")), T0.AddSeconds(6));

        var (task, inFlight) = Assert.Single(_registry.Current([NodeOf("node2", 2, Busy(1, TimeSpan.Zero))], T0.AddSeconds(7), Limit));
        Assert.Equal(("node2", "node1", (DateTimeOffset?)T0.AddSeconds(6), 8192L, false), (task.Node, task.HomeNode, task.LastMovedAt, task.CheckpointBytes, inFlight));
    }

    [Fact]
    public void Observe_RestartOnSameNode_IsNotAMove()
    {
        _registry.Observe(Start(Job(1), "node1"), T0);
        _registry.Observe(Start(Job(1), "node1", new CheckpointRef(1, 10, "ab")), T0.AddSeconds(30));

        Assert.Null(Assert.Single(_registry.Current([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))], T0.AddSeconds(31), Limit)).Task.LastMovedAt);
    }

    [Fact]
    public void Observe_Kill_ForgetsTheTask()
    {
        _registry.Observe(Start(Job(1), "node1"), T0);
        _registry.Observe(new WorldOrder(WorldOrderKind.Kill, 1, 0, Node: "node1"), T0);

        Assert.Empty(_registry.Current([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))], T0, Limit));
    }

    [Theory]
    [InlineData(WorldOrderKind.Migrate)]
    [InlineData(WorldOrderKind.Checkpoint)]
    public void Observe_AdministratorsMoveOrEviction_IsInFlightUntilTheRestart(WorldOrderKind kind)
    {
        _registry.Observe(Start(Job(1), "node1"), T0);
        _registry.Observe(new WorldOrder(kind, 1, 0, Node: "node1", Target: "node2"), T0.AddSeconds(1));

        Assert.True(Assert.Single(_registry.Current([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))], T0.AddSeconds(2), Limit)).InFlight);

        _registry.Observe(Start(Job(1), "node2", new CheckpointRef(1, 10, "ab")), T0.AddSeconds(3));
        Assert.False(Assert.Single(_registry.Current([NodeOf("node2", 2, Busy(1, TimeSpan.Zero))], T0.AddSeconds(4), Limit)).InFlight);
    }

    [Fact]
    public void Arrivals_MoveInFlight_IsExpectedAtItsTargetUntilTheTargetShowsIt()
    {
        _registry.Observe(Start(Job(1), "node1"), T0);
        _registry.MarkInFlight(1, 0, T0.AddSeconds(1), "node2");

        // Still on its source, then between nodes (checkpointed, not restarted), then restarted but not sampled yet.
        Assert.Equal([new ExpectedArrival(1, 0, "node2")], _registry.Arrivals([NodeOf("node1", 1, Busy(1, TimeSpan.Zero)), NodeOf("node2", 2)], T0.AddSeconds(2), Limit));
        Assert.Equal([new ExpectedArrival(1, 0, "node2")], _registry.Arrivals([NodeOf("node1", 1), NodeOf("node2", 2)], T0.AddSeconds(3), Limit));
        _registry.Observe(Start(Job(1), "node2", new CheckpointRef(1, 10, "ab")), T0.AddSeconds(4));
        Assert.Equal([new ExpectedArrival(1, 0, "node2")], _registry.Arrivals([NodeOf("node1", 1), NodeOf("node2", 2)], T0.AddSeconds(5), Limit));

        Assert.Empty(_registry.Arrivals([NodeOf("node1", 1), NodeOf("node2", 2, Busy(1, TimeSpan.Zero))], T0.AddSeconds(6), Limit));
    }

    [Fact]
    public void Arrivals_RestartedElsewhereWhileTheLoadsStillShowItOnItsSource_IsExpectedAtItsNewNode()
    {
        // The loads a tick carries were sampled before the task left: they show it where it was.
        _registry.Observe(Start(Job(1), "node1"), T0);
        _registry.MarkInFlight(1, 0, T0.AddSeconds(1), "node2");
        _registry.Observe(Start(Job(1), "node2", new CheckpointRef(1, 10, "ab")), T0.AddSeconds(2));

        Assert.Equal([new ExpectedArrival(1, 0, "node2")], _registry.Arrivals([NodeOf("node1", 1, Busy(1, TimeSpan.Zero)), NodeOf("node2", 2)], T0.AddSeconds(3), Limit));
    }

    [Fact]
    public void Arrivals_ExpiredMoveOrLongEndedTask_IsExpectedNowhere()
    {
        _registry.Observe(Start(Job(1), "node1"), T0);
        _registry.MarkInFlight(1, 0, T0, "node2");
        var loads = new[] { NodeOf("node1", 1, Busy(1, TimeSpan.Zero)), NodeOf("node2", 2) };

        Assert.Empty(_registry.Arrivals(loads, T0 + Limit + TimeSpan.FromSeconds(1), Limit));
        Assert.Empty(_registry.Arrivals([NodeOf("node1", 1), NodeOf("node2", 2)], T0 + Limit + TimeSpan.FromSeconds(1), Limit));
    }

    [Fact]
    public void Current_TaskMovedLongAfterItsFirstStart_IsKeptWhileTheTargetHasNotSampledItYet()
    {
        _registry.Observe(Start(Job(1), "node1"), T0);
        _registry.Observe(Start(Job(1), "node2", new CheckpointRef(1, 10, "ab")), T0 + Limit * 3);

        Assert.Empty(_registry.Current([NodeOf("node1", 1), NodeOf("node2", 2)], T0 + (Limit * 3) + TimeSpan.FromSeconds(1), Limit));
        Assert.Single(_registry.Current([NodeOf("node2", 2, Busy(1, TimeSpan.Zero))], T0 + (Limit * 3) + TimeSpan.FromSeconds(2), Limit));
    }

    [Fact]
    public void Observe_Tune_SetsSettingsAndOfflineNodes()
    {
        Assert.Null(_registry.Settings());

        _registry.Observe(Tune(true, "node3"), T0);

        Assert.Equal(8141, Assert.IsType<Core.Migration.PlannerSettings>(_registry.Settings()).Overheads.EmptyMigration);
        Assert.Equal(["node3"], _registry.OfflineNodes);
    }

    [Fact]
    public void Current_TaskNotInLoads_IsLeftOutAndForgottenAfterTheLimit()
    {
        _registry.Observe(Start(Job(1), "node1"), T0);

        Assert.Empty(_registry.Current([NodeOf("node1", 1)], T0.AddSeconds(1), Limit));
        Assert.Empty(_registry.Current([NodeOf("node1", 1)], T0 + Limit + TimeSpan.FromSeconds(1), Limit));
        Assert.Empty(_registry.Current([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))], T0 + Limit + TimeSpan.FromSeconds(2), Limit));
    }

    [Fact]
    public void MarkInFlight_ExpiresAfterTheLimit()
    {
        _registry.Observe(Start(Job(1), "node1"), T0);
        _registry.MarkInFlight(1, 0, T0);
        var loads = new[] { NodeOf("node1", 1, Busy(1, TimeSpan.Zero)) };

        Assert.True(Assert.Single(_registry.Current(loads, T0.AddSeconds(10), Limit)).InFlight);
        Assert.False(Assert.Single(_registry.Current(loads, T0 + Limit + TimeSpan.FromSeconds(1), Limit)).InFlight);
    }
}
