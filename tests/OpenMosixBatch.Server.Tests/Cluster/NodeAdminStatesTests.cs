using OpenMosixBatch.Server.Cluster;

namespace OpenMosixBatch.Server.Tests.Cluster;

public sealed class NodeAdminStatesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("omb-nodes-").FullName;

    private string File => Path.Combine(_dir, "nodes.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SetOffline_KeepsTheSourceAcrossARestart()
    {
        var states = new NodeAdminStates(File);
        states.SetOffline(["node1"], "memory test");
        states.SetOffline(["node2"], "health check: disk full", OfflineSource.HealthCheck);

        var reloaded = new NodeAdminStates(File);

        Assert.Equal(new NodeOffline("memory test", OfflineSource.Administrator), reloaded.Entries["node1"]);
        Assert.Equal(new NodeOffline("health check: disk full", OfflineSource.HealthCheck), reloaded.Entries["node2"]);
        Assert.Equal("health check: disk full", reloaded.Offline["node2"]);
    }

    [Fact]
    public void Load_TheEarlierFileOfComments_ReadsAsAdministratorsDrains()
    {
        System.IO.File.WriteAllText(File, """{ "node3": "offline by root" }""");

        Assert.Equal(new NodeOffline("offline by root", OfflineSource.Administrator), new NodeAdminStates(File).Entries["node3"]);
    }

    [Fact]
    public void Update_ReturnsTheChange_OrNullWhenNothingChanged()
    {
        var states = new NodeAdminStates(File);
        var offline = new NodeOffline("health check: x", OfflineSource.HealthCheck);

        Assert.Equal((null, offline), states.Update("node1", _ => offline));
        Assert.Null(states.Update("node1", _ => offline with { }));
        Assert.Equal((offline, null), states.Update("node1", _ => null));
        Assert.Empty(new NodeAdminStates(File).Entries);
    }
}
