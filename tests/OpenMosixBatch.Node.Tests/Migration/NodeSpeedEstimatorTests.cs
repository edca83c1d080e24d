using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Node.Migration;
using static OpenMosixBatch.Node.Tests.Migration.MigrationFixtures;

namespace OpenMosixBatch.Node.Tests.Migration;

public sealed class NodeSpeedEstimatorTests
{
    private static readonly NodeLoad FourOnNode1 = NodeOf("node1", 1, Busy(1, TimeSpan.Zero), Busy(2, TimeSpan.Zero), Busy(3, TimeSpan.Zero), Busy(4, TimeSpan.Zero)) with { Cpus = 4 };
    private static readonly Dictionary<(long, int), double> AllRunnable = new() { [(1, 0)] = 1, [(2, 0)] = 1, [(3, 0)] = 1, [(4, 0)] = 1 };
    private readonly NodeSpeedEstimator _estimator = new();

    [Fact]
    public void Update_FourTasksSharingOneCoreOnAFourCpuNode_ConvergesToAQuarter()
    {
        var quarter = new Dictionary<(long, int), double> { [(1, 0)] = 0.25, [(2, 0)] = 0.25, [(3, 0)] = 0.25, [(4, 0)] = 0.25 };

        for (var i = 0; i < 10; i++)
        {
            _estimator.Update([FourOnNode1], AllRunnable, quarter);
        }

        Assert.Equal(0.25, _estimator.Update([FourOnNode1], AllRunnable, quarter)["node1"], 2);
    }

    [Fact]
    public void Update_NodeDeliveringMostOfItsPromise_KeepsItsDeclaredSpeed()
    {
        var most = new Dictionary<(long, int), double> { [(1, 0)] = 0.85, [(2, 0)] = 0.9, [(3, 0)] = 0.8, [(4, 0)] = 0.85 };

        Assert.Equal(1.0, _estimator.Update([FourOnNode1], AllRunnable, most)["node1"]);
    }

    [Fact]
    public void Update_IdleNode_GoesBackToItsDeclaredSpeed()
    {
        var quarter = new Dictionary<(long, int), double> { [(1, 0)] = 0.25, [(2, 0)] = 0.25, [(3, 0)] = 0.25, [(4, 0)] = 0.25 };
        _estimator.Update([FourOnNode1], AllRunnable, quarter);

        Assert.Equal(2.0, _estimator.Update([NodeOf("node1", 1) with { Speed = 2.0 }], AllRunnable, quarter)["node1"]);
    }

    [Fact]
    public void Update_TaskWithoutAShareYet_KeepsThePreviousEstimate()
    {
        var quarter = new Dictionary<(long, int), double> { [(1, 0)] = 0.25, [(2, 0)] = 0.25, [(3, 0)] = 0.25, [(4, 0)] = 0.25 };
        var first = _estimator.Update([FourOnNode1], AllRunnable, quarter)["node1"];

        Assert.Equal(first, _estimator.Update([FourOnNode1], AllRunnable, new Dictionary<(long, int), double>())["node1"]);
    }
}
