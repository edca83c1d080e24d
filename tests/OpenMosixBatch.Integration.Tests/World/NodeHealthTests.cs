using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>Bad nodes are contained: a failing health check takes its node offline, a black-hole node is drained.</summary>
[Collection("World")]
public sealed class NodeHealthTests
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task HealthCheck_FailingNode_GoesOfflineWithItsMessage_AndComesBackWhenItPasses()
    {
        using var dir = new TempDirectory();
        var flag = dir.File("node2.broken");
        File.WriteAllText(flag, "");
        var check = HealthCheckScript.Write(dir, "node2", flag, "scratch disk missing");
        var conf = Conf(dir, $$"""{ "Omb": { "Health": { "Program": "{{check}}", "Interval": "00:00:01", "Timeout": "00:00:10" } } }""");
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--conf", conf);

        await w.WaitForAsync(async () => State(await w.NodesAsync(), "node2") == NodeState.Offline, Phase, "node2 to go offline by its health check");
        var listed = await w.Omb.RunAsync("pbsnodes", "-a");
        Assert.Contains("health check: scratch disk missing on node2", listed.Stdout, StringComparison.Ordinal);
        var admin = await w.Omb.RunAsync("pbsnodes", "-o", "node3", "-C", "memory test");
        Assert.Equal(0, admin.ExitCode);

        var id = await w.QsubAsync("-t", "1-4", "-l", "walltime=00:01:00", "--", "/bin/sleep", "1");
        var job = await w.WaitFinishedAsync(id);
        Assert.Equal(JobState.Completed, job.State);
        Assert.All(job.Tasks, t => Assert.Equal("node1", t.Node?.ToString()));

        File.Delete(flag);
        await w.WaitForAsync(async () => State(await w.NodesAsync(), "node2") == NodeState.Free, Phase, "node2 to come back online once its check passes");

        // node3's check has passed all along, every second: an administrator's drain is not the check's to clear.
        var nodes = await w.NodesAsync();
        var node3 = nodes.Single(n => n.Node.Name == "node3");
        Assert.Equal((NodeState.Offline, "memory test"), (node3.Node.State, node3.Comment));
        Assert.Null(nodes.Single(n => n.Node.Name == "node2").Comment);
        Assert.Contains("node node2 fails its health check: scratch disk missing on node2", w.Server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlackHole_NodeWhereTasksFail_IsDrainedWithItsFigures_AndWorkGoesOnElsewhere()
    {
        using var dir = new TempDirectory();
        var conf = Conf(dir, """{ "Omb": { "BlackHole": { "Window": "00:10:00", "MinFailures": 3, "FailureRatio": 3 } } }""");
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--conf", conf);

        var ids = new List<string>();
        for (var i = 0; i < 15; i++)
        {
            ids.Add(await w.QsubAsync("-l", "walltime=00:01:00", Repository.Jobs("fails-on.sh"), "node2", "1"));
        }

        await w.WaitForAsync(async () => State(await w.NodesAsync(), "node2") == NodeState.Offline, Phase, "node2 to be drained as a black hole");
        var listed = await w.Omb.RunAsync("pbsnodes", "-a");
        Assert.Contains("black hole: 3 of 3 tasks failed in the last 10 min (cluster elsewhere: 0%)", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("node node2 drained: black hole", w.Server.Output, StringComparison.Ordinal);

        var jobs = new List<Job>();
        foreach (var id in ids)
        {
            jobs.Add(await w.WaitFinishedAsync(id));
        }

        Assert.All(jobs.Where(j => j.State == JobState.Failed), j => Assert.Equal("node2", j.Tasks[0].Node?.ToString()));
        Assert.All(jobs.Where(j => j.Tasks[0].Node?.ToString() != "node2"), j => Assert.Equal(JobState.Completed, j.State));

        // Drained: new work goes to the other nodes, and the node stays offline though they succeed.
        var after = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            after.Add(await w.QsubAsync("-l", "walltime=00:01:00", Repository.Jobs("fails-on.sh"), "node2", "1"));
        }

        foreach (var id in after)
        {
            var job = await w.WaitFinishedAsync(id);
            Assert.Equal(JobState.Completed, job.State);
            Assert.NotEqual("node2", job.Tasks[0].Node?.ToString());
        }

        Assert.Equal(NodeState.Offline, State(await w.NodesAsync(), "node2"));
    }

    private static NodeState State(IReadOnlyList<OpenMosixBatch.Api.Contracts.NodeView> nodes, string name) =>
        nodes.Single(n => n.Node.Name == name).Node.State;

    private static string Conf(TempDirectory dir, string json)
    {
        var path = dir.File("omb.json");
        File.WriteAllText(path, json);
        return path;
    }
}
