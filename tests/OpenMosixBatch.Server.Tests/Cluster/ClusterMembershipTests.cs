using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Membership;
using OpenMosixBatch.Server.Cluster;

namespace OpenMosixBatch.Server.Tests.Cluster;

/// <summary>OMB_HOME/members.json: what omb node add/remove changed survives a restart; a reload compares with the cluster file.</summary>
public sealed class ClusterMembershipTests : IDisposable
{
    private static readonly IReadOnlyList<NodeSnapshot> Configured = [new("node1", 2, 4L << 30), new("node2", 2, 4L << 30)];
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("omb-members-");

    private string Path => System.IO.Path.Combine(_home.FullName, "members.json");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public void FirstStart_MembersAreTheClusterFilesNodes()
    {
        var m = new ClusterMembership(Path, Configured);

        Assert.False(m.Restored);
        Assert.Equal(["node1", "node2"], m.InWorld.Select(n => n.Name));
    }

    [Fact]
    public void Restart_KeepsANodeAddedByCommand_AndForgetsNoneRemoved()
    {
        var before = new ClusterMembership(Path, Configured);
        before.Apply("node3", new NodeSnapshot("node3", 8, 16L << 30), new MemberState(MembershipPhase.Member));
        before.Apply("node1", null, null);

        var after = new ClusterMembership(Path, Configured);

        Assert.True(after.Restored);
        Assert.Equal(["node2", "node3"], after.InWorld.Select(n => n.Name));
        Assert.Equal((8, 16L << 30), (after.Find("node3")!.Node.Cpus, after.Find("node3")!.Node.MemoryBytes));

        // node1 was removed by an administrator: the cluster file that still lists it does not bring it back.
        var (joining, leaving) = after.Compare(Configured);
        Assert.Empty(joining);
        Assert.Empty(leaving);
    }

    [Fact]
    public void Compare_NewNodeInTheFile_Joins_AndOneGoneFromIt_Leaves_ButNodesAddedByCommandStay()
    {
        var m = new ClusterMembership(Path, Configured);
        m.Apply("node9", new NodeSnapshot("node9", 2, 4L << 30), new MemberState(MembershipPhase.Member));

        var (joining, leaving) = m.Compare([new("node2", 2, 4L << 30), new("node3", 4, 8L << 30)]);

        Assert.Equal(["node3"], joining.Select(n => n.Name));
        Assert.Equal(["node1"], leaving);
    }

    [Fact]
    public void Apply_RefusedAndJoiningNodes_AreNotInTheWorld_ButKeepTheirReason()
    {
        var m = new ClusterMembership(Path, Configured);
        m.Apply("node3", new NodeSnapshot("node3", 2, 4L << 30), new MemberState(MembershipPhase.Refused, Detail: "memory test failed"));
        m.Apply("node4", new NodeSnapshot("node4", 2, 4L << 30), new MemberState(MembershipPhase.Joining));

        var after = new ClusterMembership(Path, Configured);

        Assert.Equal(["node1", "node2"], after.InWorld.Select(n => n.Name));
        Assert.Equal("memory test failed", after.Find("node3")!.State.Detail);
        Assert.Equal(MembershipPhase.Joining, after.Find("node4")!.State.Phase);
    }

    [Fact]
    public void Open_DamagedFile_FailsWithOneLineNamingIt()
    {
        File.WriteAllText(Path, "{ not json");

        var e = Assert.Throws<InvalidDataException>(() => new ClusterMembership(Path, Configured));

        Assert.StartsWith($"bad membership file {Path}: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
