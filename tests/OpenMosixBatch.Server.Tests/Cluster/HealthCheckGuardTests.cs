using OpenMosixBatch.Server.Cluster;

namespace OpenMosixBatch.Server.Tests.Cluster;

public sealed class HealthCheckGuardTests
{
    private static readonly NodeOffline Admin = new("memory test", OfflineSource.Administrator);
    private static readonly NodeOffline Hole = new("black hole: 5 of 5 tasks failed in the last 10 min (cluster elsewhere: 0%)", OfflineSource.BlackHole);
    private static readonly NodeOffline Checked = new("health check: disk full", OfflineSource.HealthCheck);

    [Fact]
    public void Decide_FailingOnlineNode_GoesOfflineWithTheMessage() =>
        Assert.Equal(Checked, HealthCheckGuard.Decide(null, "disk full"));

    [Fact]
    public void Decide_NewMessage_ReplacesTheChecksComment() =>
        Assert.Equal(new NodeOffline("health check: ib0 down", OfflineSource.HealthCheck), HealthCheckGuard.Decide(Checked, "ib0 down"));

    [Fact]
    public void Decide_Passing_ClearsOnlyTheChecksOwnState()
    {
        Assert.Null(HealthCheckGuard.Decide(Checked, null));
        Assert.Equal(Admin, HealthCheckGuard.Decide(Admin, null));
        Assert.Equal(Hole, HealthCheckGuard.Decide(Hole, null));
        Assert.Null(HealthCheckGuard.Decide(null, null));
    }

    [Fact]
    public void Decide_Failing_KeepsAnAdministratorsOrABlackHolesComment()
    {
        Assert.Equal(Admin, HealthCheckGuard.Decide(Admin, "disk full"));
        Assert.Equal(Hole, HealthCheckGuard.Decide(Hole, "disk full"));
    }
}
