using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class RunAsPolicyTests
{
    private static readonly JobOwner Alice = new(1001, 1001, "alice");
    private static readonly JobOwner Root = new(0, 0, "root");

    [Fact]
    public void Decide_RootNode_SwitchesToTheOwnersUidGidAndAccount()
    {
        var d = RunAsPolicy.Decide(Alice with { Gid = 50 }, nodeUid: 0, allowRootJobs: false, accountName: "alice", "n1");

        Assert.Equal(new RunAsDecision(true, true, 1001, 50, "alice", null), d);
    }

    [Fact]
    public void Decide_RootOwner_IsRefusedByDefault_NamingTheOption()
    {
        var d = RunAsPolicy.Decide(Root, 0, allowRootJobs: false, "root", "n1");

        Assert.False(d.Start);
        Assert.Contains("refuses to run tasks as root (uid 0)", d.Reason, StringComparison.Ordinal);
        Assert.Contains("Omb:Security:AllowRootJobs=true", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RootOwner_RunsAsRootWhenAllowed() =>
        Assert.Equal(new RunAsDecision(true, true, 0, 0, "root", null), RunAsPolicy.Decide(Root, 0, allowRootJobs: true, "root", "n1"));

    [Fact]
    public void Decide_UidWithoutAccountOnTheNode_IsRefusedNamingUidAndNode()
    {
        var d = RunAsPolicy.Decide(Alice, 0, allowRootJobs: true, accountName: null, "n1");

        Assert.False(d.Start);
        Assert.Contains("uid 1001 (alice) has no account on node n1", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UnprivilegedNode_RunsItsOwnUsersTasksWithoutSwitching() =>
        Assert.Equal(new RunAsDecision(true, false, 1001, 1001, "alice", null), RunAsPolicy.Decide(Alice, 1001, false, "alice", "n1"));

    [Theory]
    [InlineData(0u)]
    [InlineData(1002u)]
    public void Decide_UnprivilegedNode_RefusesAnyOtherUid(uint owner)
    {
        var d = RunAsPolicy.Decide(new JobOwner(owner, owner, "other"), nodeUid: 1001, allowRootJobs: true, "other", "n1");

        Assert.False(d.Start);
        Assert.False(d.SwitchUser);
        Assert.Contains("runs as uid 1001, not root", d.Reason, StringComparison.Ordinal);
    }
}
