using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using static OpenMosixBatch.Tests.Shared.RebalancingFixtures;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class TaskDemandTrackerTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.05, 0.05)]
    [InlineData(0.2, 1.0)]
    [InlineData(0.5, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.9, 2.0)]
    [InlineData(-1.0, 1.0)]
    [InlineData(double.NaN, 1.0)]
    public void Estimate_Share_GivesRunnableDemand(double share, double expected) =>
        Assert.Equal(expected, TaskDemandTracker.Estimate(share), 6);

    [Fact]
    public void Update_FirstSight_CountsAsRunnable()
    {
        var demand = new TaskDemandTracker().Update([NodeOf("node1", 1, Busy(1, TimeSpan.FromSeconds(3)))], T0);

        Assert.Equal(1.0, demand[new TaskKey(1, 0)]);
    }

    [Fact]
    public void Update_HalfACpuOnACrowdedNode_IsOneRunnableProcess_ASleeperIsItsShare()
    {
        var tracker = new TaskDemandTracker();
        tracker.Update([NodeOf("node1", 1, Busy(1, TimeSpan.Zero), Busy(2, TimeSpan.Zero))], T0);

        var demand = tracker.Update([NodeOf("node1", 1, Busy(1, TimeSpan.FromSeconds(5)), Busy(2, TimeSpan.FromMilliseconds(100)))], T0.AddSeconds(10));

        Assert.Equal(1.0, demand[new TaskKey(1, 0)]);
        Assert.Equal(0.01, demand[new TaskKey(2, 0)], 6);
    }

    [Fact]
    public void Update_StarvedTaskThatWaitedForACpu_IsOneRunnableProcess()
    {
        var tracker = new TaskDemandTracker();
        tracker.Update([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))], T0);

        // A tenth of a CPU is below the runnable share, but it spent the other nine tenths waiting on the run queue.
        var starved = Busy(1, TimeSpan.FromSeconds(1)) with { RunQueueWait = TimeSpan.FromSeconds(9) };
        var demand = tracker.Update([NodeOf("node1", 1, starved)], T0.AddSeconds(10));

        Assert.Equal(1.0, demand[new TaskKey(1, 0)]);
        Assert.Equal(0.1, tracker.Shares[new TaskKey(1, 0)], 6);
    }

    [Fact]
    public void Update_SleeperThatNeverWaited_IsItsShare()
    {
        var tracker = new TaskDemandTracker();
        tracker.Update([NodeOf("node1", 1, Busy(1, TimeSpan.Zero))], T0);

        var demand = tracker.Update([NodeOf("node1", 1, Busy(1, TimeSpan.FromSeconds(1)) with { RunQueueWait = TimeSpan.FromMilliseconds(10) })], T0.AddSeconds(10));

        Assert.Equal(0.101, demand[new TaskKey(1, 0)], 6);
    }
}
