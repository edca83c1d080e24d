using OpenMosixBatch.Transport.Mpi.Pump;

namespace OpenMosixBatch.Transport.Mpi.Tests.Pump;

public sealed class PumpTrafficTests
{
    [Fact]
    public void HasReceivedAll_NothingExpected_IsTrue()
    {
        Assert.True(new PumpTraffic(3).HasReceivedAll([0, 0, 0]));
    }

    [Fact]
    public void HasReceivedAll_OneSourceShort_IsFalseUntilItArrives()
    {
        var traffic = new PumpTraffic(3);
        traffic.Received(0);
        traffic.Received(2);

        Assert.False(traffic.HasReceivedAll([1, 1, 1]));
        traffic.Received(1);
        Assert.True(traffic.HasReceivedAll([1, 1, 1]));
        Assert.Equal(3, traffic.TotalReceived);
    }
}
