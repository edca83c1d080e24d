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
        var (joining, leaving, _) = after.Compare(Configured);
        Assert.Empty(joining);
        Assert.Empty(leaving);
    }

    [Fact]
    public void Compare_NewNodeInTheFile_Joins_AndOneGoneFromIt_Leaves_ButNodesAddedByCommandStay()
    {
        var m = new ClusterMembership(Path, Configured);
        m.Apply("node9", new NodeSnapshot("node9", 2, 4L << 30), new MemberState(MembershipPhase.Member));

        var (joining, leaving, _) = m.Compare([new("node2", 2, 4L << 30), new("node3", 4, 8L << 30)]);

        Assert.Equal(["node3"], joining.Select(n => n.Name));
        Assert.Equal(["node1"], leaving);
    }

    [Fact]
    public void Compare_AMemberListedWithAnotherCapacity_Changes_AndApplyKeepsTheNewOneAcrossARestart()
    {
        var m = new ClusterMembership(Path, Configured);
        m.Apply("node9", new NodeSnapshot("node9", 2, 4L << 30), new MemberState(MembershipPhase.Member));

        var (joining, leaving, changed) = m.Compare([new("node1", 4, 8L << 30), new("node2", 2, 4L << 30) { Properties = ["fast"] }, new("node9", 8, 4L << 30)]);

        // node9 was added by command: the file's line for it is not the administrator's word on it.
        Assert.Equal((0, 0), (joining.Count, leaving.Count));
        Assert.Equal(["node1", "node2"], changed.Select(n => n.Name));
        m.Apply("node1", changed[0], m.Find("node1")!.State);
        Assert.Equal((4, 8L << 30), (new ClusterMembership(Path, Configured).Find("node1")!.Node.Cpus, new ClusterMembership(Path, Configured).Find("node1")!.Node.MemoryBytes));
        Assert.Equal(["node2"], m.Compare([new("node1", 4, 8L << 30), new("node2", 2, 4L << 30) { Properties = ["fast"] }]).Changed.Select(n => n.Name));
    }

    [Fact]
    public void SameCapacity_ComparesEveryDeclaredField()
    {
        var a = new NodeSnapshot("node1", 2, 4L << 30);

        Assert.True(ClusterMembership.SameCapacity(a, a with { AllocatedCpus = 2 }));
        Assert.False(ClusterMembership.SameCapacity(a, a with { Speed = 2 }));
        Assert.False(ClusterMembership.SameCapacity(a, a with { CpuSet = "0-1" }));
        Assert.False(ClusterMembership.SameCapacity(a, a with { Host = "h1" }));
        Assert.False(ClusterMembership.SameCapacity(a, a with { Gpus = 1 }));
        Assert.False(ClusterMembership.SameCapacity(a, a with { GpusDeclared = true }));
    }

    [Fact]
    public void Restart_ADeclaredZeroGpus_IsKeptDeclared()
    {
        var m = new ClusterMembership(Path, Configured);
        m.Apply("node9", new NodeSnapshot("node9", 2, 4L << 30) { GpusDeclared = true }, new MemberState(MembershipPhase.Member));

        var after = new ClusterMembership(Path, Configured).Find("node9")!.Node;

        Assert.Equal((0, true), (after.Gpus, after.GpusDeclared));
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
    public void Restart_CutNodeAnAdministratorHolds_StaysCutAndHeld_AndDoesNotRejoinByItself()
    {
        // The watchdog cut node2 off (its mark first, then its phase), then an administrator ran pbsnodes -o on it.
        var admin = new NodeAdminStates(System.IO.Path.Combine(_home.FullName, "nodes.json"));
        admin.Update("node2", _ => new NodeOffline("no word from its rank for 10 s", OfflineSource.Unreachable));
        var before = new ClusterMembership(Path, Configured);
        before.Apply("node2", null, new MemberState(MembershipPhase.Cut));
        admin.Update("node2", current => current! with { Held = true });

        var after = new ClusterMembership(Path, Configured);
        var adminAfter = new NodeAdminStates(System.IO.Path.Combine(_home.FullName, "nodes.json"));

        Assert.Equal(MembershipPhase.Cut, after.Find("node2")!.State.Phase);
        Assert.Equal(["node1"], after.InWorld.Select(n => n.Name));
        Assert.Equal(new NodeOffline("no word from its rank for 10 s", OfflineSource.Unreachable, Held: true), adminAfter.Entries["node2"]);
        Assert.EndsWith(NodeAdminStates.HeldComment, adminAfter.Offline["node2"], StringComparison.Ordinal);

        // What the restarted server decides for it: no check, no rejoin, until pbsnodes -c lifts the hold.
        var state = after.Find("node2")!.State;
        Assert.Equal(MembershipStep.Stay(state), MembershipMachine.Decide(state, new MembershipEvent(MembershipEventKind.ProbeDue, Held: true), onlyMember: false));
        Assert.Equal(MembershipStep.Stay(state), MembershipMachine.Decide(state, new MembershipEvent(MembershipEventKind.HealthPassed, Held: true), onlyMember: false));
    }

    [Fact]
    public void Open_FileWrittenBeforeCutWasStored_ReadsTheCutNodeAsAMember()
    {
        // Older servers stored a cut node as a member (the watchdog's mark in nodes.json cuts it again on the first look).
        File.WriteAllText(Path, """
            {"nodes":[{"name":"node1","cpus":2,"memoryBytes":4294967296,"speed":1,"host":null,"cpuSet":null,"phase":"Member","now":false,"detail":null,"configured":true}],
             "removed":[]}
            """);

        Assert.Equal(MembershipPhase.Member, new ClusterMembership(Path, Configured).Find("node1")!.State.Phase);
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
