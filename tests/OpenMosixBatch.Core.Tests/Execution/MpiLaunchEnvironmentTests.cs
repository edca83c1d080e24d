using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Core.Tests.Execution;

public sealed class MpiLaunchEnvironmentTests
{
    [Fact]
    public void Add_TwoNodesTwoRanksEach_SetsHydraAndTorqueVariables()
    {
        var env = new Dictionary<string, string>();

        MpiLaunchEnvironment.Add(env, ["node1", "node2"], 2, "/spool/42/hostfile", "/opt/omb/pbs_tmrsh");

        Assert.Equal("4", env["PBS_NP"]);
        Assert.Equal("2", env["PBS_NUM_NODES"]);
        Assert.Equal("2", env["PBS_NUM_PPN"]);
        Assert.Equal("ssh", env["HYDRA_LAUNCHER"]);
        Assert.Equal("/opt/omb/pbs_tmrsh", env["HYDRA_LAUNCHER_EXEC"]);
        Assert.Equal("/spool/42/hostfile", env["HYDRA_HOST_FILE"]);
        Assert.Equal("/opt/omb/pbs_tmrsh", env["OMPI_MCA_plm_rsh_agent"]);
    }

    [Fact]
    public void Add_JobsOwnLauncher_IsKept()
    {
        var env = new Dictionary<string, string> { ["HYDRA_LAUNCHER"] = "fork" };

        MpiLaunchEnvironment.Add(env, ["node1"], 1, "/h", "/opt/omb/pbs_tmrsh");

        Assert.Equal("fork", env["HYDRA_LAUNCHER"]);
    }

    [Fact]
    public void Add_NoLauncher_SetsOnlyTheCounts()
    {
        var env = new Dictionary<string, string>();

        MpiLaunchEnvironment.Add(env, ["node1"], 3, "/h", null);

        Assert.Equal(["PBS_NP", "PBS_NUM_NODES", "PBS_NUM_PPN"], env.Keys.Order());
    }

    [Fact]
    public void HostFileLines_TwoChunksOnOneNode_AddUp() =>
        Assert.Equal(["node2:4", "node1:2"], MpiLaunchEnvironment.HostFileLines(["node2", "node1", "node2"], 2));
}
