using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Tests.World;

public sealed class WorldHostsTests
{
    private static readonly NodeSnapshot Local = new("node1", 2, 1L << 30);

    [Fact]
    public void LauncherArguments_NoHosts_ForksEveryRankHere() =>
        Assert.Equal(["-launcher", "fork"], WorldHosts.LauncherArguments([Local, Local with { Name = "node2" }], new WorldOptions()));

    [Fact]
    public void LauncherArguments_Hosts_UseSshWithOneHostPerRankInOrder() =>
        Assert.Equal(["-launcher", "ssh", "-hosts", "c1,c2"],
            WorldHosts.LauncherArguments([Local with { Host = "c1" }, Local with { Name = "node2", Host = "c2" }], new WorldOptions()));

    [Fact]
    public void LauncherArguments_HostLauncher_IsPassedAsLauncherExec() =>
        Assert.Equal(["-launcher", "ssh", "-launcher-exec", "/opt/enter", "-hosts", "c1"],
            WorldHosts.LauncherArguments([Local with { Host = "c1" }], new WorldOptions { HostLauncher = "/opt/enter" }));

    [Fact]
    public void LauncherArguments_ConfiguredLauncherAndHostfile_AreLeftAlone() =>
        Assert.Empty(WorldHosts.LauncherArguments([Local with { Host = "c1" }], new WorldOptions { LauncherArguments = ["-launcher", "rsh", "-f", "hosts"] }));

    [Fact]
    public void LauncherArguments_ConfiguredLauncherOnly_StillListsTheHosts() =>
        Assert.Equal(["-hosts", "c1"], WorldHosts.LauncherArguments([Local with { Host = "c1" }], new WorldOptions { LauncherArguments = ["-launcher", "rsh"] }));
}
