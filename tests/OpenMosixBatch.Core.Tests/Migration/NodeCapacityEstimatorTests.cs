using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using static OpenMosixBatch.Tests.Shared.RebalancingFixtures;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class NodeCapacityEstimatorTests
{
    private static readonly NodeLoad FourOnNode1 = NodeOf("node1", 1, Busy(1, TimeSpan.Zero), Busy(2, TimeSpan.Zero), Busy(3, TimeSpan.Zero), Busy(4, TimeSpan.Zero)) with { Cpus = 4 };
    private static readonly Dictionary<TaskKey, double> AllRunnable = new() { [new TaskKey(1, 0)] = 1, [new TaskKey(2, 0)] = 1, [new TaskKey(3, 0)] = 1, [new TaskKey(4, 0)] = 1 };
    private static readonly Dictionary<TaskKey, double> Quarter = new() { [new TaskKey(1, 0)] = 0.25, [new TaskKey(2, 0)] = 0.25, [new TaskKey(3, 0)] = 0.25, [new TaskKey(4, 0)] = 0.25 };
    private readonly NodeCapacityEstimator _estimator = new();

    [Fact]
    public void Update_FourTasksSharingOneCoreOnAFourCpuNode_ConvergesToOneFullSpeedCpu()
    {
        for (var i = 0; i < 10; i++)
        {
            _estimator.Update([FourOnNode1], AllRunnable, Quarter);
        }

        Assert.Equal(new MeasuredCapacity(1, 1.0), Rounded(_estimator.Update([FourOnNode1], AllRunnable, Quarter)["node1"]));
    }

    [Fact]
    public void Update_TwoNodesSharingOneCore_EachIsOneCpuAtHalfSpeed()
    {
        var node2 = NodeOf("node2", 2, Busy(1, TimeSpan.Zero)) with { Cpus = 1 };
        var half = new Dictionary<TaskKey, double> { [new TaskKey(1, 0)] = 0.5 };
        for (var i = 0; i < 10; i++)
        {
            _estimator.Update([node2], AllRunnable, half);
        }

        Assert.Equal(new MeasuredCapacity(1, 0.5), Rounded(_estimator.Update([node2], AllRunnable, half)["node2"]));
    }

    [Fact]
    public void Update_NodeDeliveringMostOfItsPromise_KeepsItsDeclaredCpusAndSpeed()
    {
        var most = new Dictionary<TaskKey, double> { [new TaskKey(1, 0)] = 0.85, [new TaskKey(2, 0)] = 0.9, [new TaskKey(3, 0)] = 0.8, [new TaskKey(4, 0)] = 0.85 };

        Assert.Equal(new MeasuredCapacity(4, 1.0), _estimator.Update([FourOnNode1], AllRunnable, most)["node1"]);
    }

    [Fact]
    public void Update_NodeWithFewerTasksThanCpusGettingAWholeCpuEach_KeepsItsDeclaredCpus()
    {
        var two = NodeOf("node1", 1, Busy(1, TimeSpan.Zero), Busy(2, TimeSpan.Zero)) with { Cpus = 4 };
        var whole = new Dictionary<TaskKey, double> { [new TaskKey(1, 0)] = 1.0, [new TaskKey(2, 0)] = 0.95 };

        Assert.Equal(new MeasuredCapacity(4, 1.0), _estimator.Update([two], AllRunnable, whole)["node1"]);
    }

    [Fact]
    public void Update_IdleNode_GoesBackToItsDeclaredCpusAndSpeed()
    {
        _estimator.Update([FourOnNode1], AllRunnable, Quarter);

        Assert.Equal(new MeasuredCapacity(4, 2.0), _estimator.Update([NodeOf("node1", 1) with { Cpus = 4, Speed = 2.0 }], AllRunnable, Quarter)["node1"]);
    }

    [Fact]
    public void Update_TaskWithoutAShareYet_KeepsThePreviousEstimate()
    {
        var first = _estimator.Update([FourOnNode1], AllRunnable, Quarter)["node1"];

        Assert.Equal(first, _estimator.Update([FourOnNode1], AllRunnable, new Dictionary<TaskKey, double>())["node1"]);
    }

    [Fact]
    public void Update_NothingDelivered_FloorsAtTheMinimum()
    {
        var none = new Dictionary<TaskKey, double> { [new TaskKey(1, 0)] = 0, [new TaskKey(2, 0)] = 0, [new TaskKey(3, 0)] = 0, [new TaskKey(4, 0)] = 0 };
        for (var i = 0; i < 30; i++)
        {
            _estimator.Update([FourOnNode1], AllRunnable, none);
        }

        var capacity = _estimator.Update([FourOnNode1], AllRunnable, none)["node1"];

        Assert.Equal(1, capacity.Cpus);
        Assert.Equal(NodeCapacityEstimator.MinimumCpus, capacity.Speed, 3);
    }

    [Theory]
    [InlineData(1.0, 1.0, 1, 1.0)]
    [InlineData(0.5, 1.0, 1, 0.5)]
    [InlineData(2.5, 1.0, 3, 0.8333)]
    [InlineData(2.4, 2.0, 2, 2.4)]
    [InlineData(0.01, 1.0, 1, 0.01)]
    [InlineData(4.0, 1.5, 4, 1.5)]
    public void Of_FractionalCpus_RoundsToWholeCpusAndKeepsTheTotalInTheSpeed(double cpus, double speed, int wholeCpus, double perCpu)
    {
        var capacity = MeasuredCapacity.Of(cpus, speed);

        Assert.Equal(wholeCpus, capacity.Cpus);
        Assert.Equal(perCpu, capacity.Speed, 4);
        Assert.Equal(cpus * speed, capacity.Cpus * capacity.Speed, 9);
    }

    private static MeasuredCapacity Rounded(MeasuredCapacity c) => c with { Speed = Math.Round(c.Speed, 2) };
}
