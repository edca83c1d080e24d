using System.Globalization;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using static OpenMosixBatch.Integration.Tests.Migration.MigrationSteps;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// Nodes join and leave a running cluster (issue 16): the world is relaunched with the new membership and the running
/// tasks outlive it (same PIDs, run_count 1); a node's health check runs before it joins.
/// </summary>
[Collection("World")]
public sealed class MembershipTests
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(60);

    // Records every start (a rerun shows), waits for its go file, and says which run it is.
    private const string Script = """
        #!/bin/sh
        echo "$PBS_JOBID $$" >> "$PBS_O_WORKDIR/runs-$PBS_JOBID"
        while [ ! -e "$PBS_O_WORKDIR/go" ]; do sleep 0.1; done
        echo "done $OMB_NODE restart $OMB_RESTART_COUNT"
        """;

    [Fact]
    public async Task NodeAdd_JoinsTheRunningCluster_SixTasksKeepTheirPids_AndNewWorkStartsOnTheNewNode()
    {
        // Six one-CPU tasks fill the three nodes' six CPUs: no threshold may hold the last one back.
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--cpu-threshold", "100");
        var script = await WriteScriptAsync(w);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await w.QsubAsync("-N", "long", "-l", "walltime=00:05:00", script));
        }

        var sessions = new Dictionary<string, (int Session, string Node)>();
        foreach (var id in ids)
        {
            Job? job = null;
            await w.WaitForAsync(async () => (job = await w.JobAsync(id)).Tasks[0].SessionId is not null, Phase, $"job {id} to start");
            sessions[id] = (job!.Tasks[0].SessionId!.Value, job.Tasks[0].Node!.ToString());
        }

        var world = w.WorldPid();
        var add = await w.Omb.RunAsync("node", "add", "node4", "--cpus", "2", "--mem", "4gb");
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.StartsWith("node4: joining", add.Stdout, StringComparison.Ordinal);

        await w.WaitForAsync(async () => State(await w.NodesAsync(), "node4") == NodeState.Free, Phase, "node4 to show free");
        Assert.NotEqual(world, w.WorldPid());
        var log = () => $"\nserver:\n{w.LogTail(80)}";
        foreach (var (id, (session, _)) in sessions)
        {
            Assert.True(ProcStat.IsAlive(session), $"job {id}'s task (pid {session}) did not survive node4's join" + log());
        }

        // Every CPU of node1..3 is taken: the next job can only start on the new node.
        var fresh = await w.QsubAsync("-N", "fresh", "-l", "walltime=00:05:00", script);
        Assert.Equal("node4", await RunningNodeAsync(w, fresh, Phase));

        await File.WriteAllTextAsync(Path.Combine(w.WorkDirectory, "go"), "");
        foreach (var id in ids)
        {
            var job = await w.WaitFinishedAsync(id, Phase);
            Assert.True(job.State == JobState.Completed && job.Tasks[0].Requeues == 0 && job.Tasks[0].SessionId == sessions[id].Session,
                $"job {id}: {job.State}, {job.Tasks[0].Requeues} requeue(s), session {job.Tasks[0].SessionId} (was {sessions[id].Session})" + log());
            Assert.Single(File.ReadAllLines(Path.Combine(w.WorkDirectory, $"runs-{id}")));
            Assert.Equal($"done {sessions[id].Node} restart 0\n", File.ReadAllText(Path.Combine(w.WorkDirectory, $"long.o{id}")));
            Assert.Contains("run_count = 1", (await w.Omb.RunAsync("qstat", "-f", id)).Stdout, StringComparison.Ordinal);
        }

        await w.WaitFinishedAsync(fresh, Phase);
        Assert.Equal("done node4 restart 0\n", File.ReadAllText(Path.Combine(w.WorkDirectory, $"fresh.o{fresh}")));

        // Durable: node4 is still a member after a server crash and restart.
        await w.KillServerAndStartAnotherAsync();
        await w.WaitForAsync(async () => (await w.NodesAsync()).Count(n => n.Node.State == NodeState.Free) == 4, Phase, "the four nodes after the restart");
    }

    [Fact]
    public async Task NodeAdd_OfANodeWhoseHealthCheckFails_LeavesItOutWithTheReason_UntilPbsnodesClearsItOnceItPasses()
    {
        using var dir = new TempDirectory();
        var flag = dir.File("node4.broken");
        File.WriteAllText(flag, "");
        var check = HealthCheckScript.Write(dir, "node4", flag, "memory test failed");
        var conf = dir.File("omb.json");
        File.WriteAllText(conf, $$"""{ "Omb": { "Health": { "Program": "{{check}}", "Interval": "00:01:00", "Timeout": "00:00:10" } } }""");
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--conf", conf);
        var world = w.WorldPid();

        var add = await w.Omb.RunAsync("node", "add", "node4");
        Assert.True(add.ExitCode == 0, add.ToString());
        await w.WaitForAsync(async () => (await w.NodesAsync()).Single(n => n.Node.Name == "node4").Comment?.StartsWith("not added", StringComparison.Ordinal) == true,
            Phase, "node4 to be refused by its health check");
        var listed = await w.Omb.RunAsync("pbsnodes", "-a");
        Assert.Contains("not added: health check: memory test failed on node4", listed.Stdout, StringComparison.Ordinal);
        Assert.Equal(NodeState.Down, State(await w.NodesAsync(), "node4"));
        Assert.Equal(world, w.WorldPid());

        // Refusals change nothing: one line, exit 1 (refused) or 2 (bad input).
        var again = await w.Omb.RunAsync("node", "add", "node1");
        Assert.Equal((1, "", "omb node: node node1 is already in the cluster: see pbsnodes -a (omb node remove node1 takes it out)"), (again.ExitCode, again.Stdout, again.Stderr.Trim()));
        var bad = await w.Omb.RunAsync("node", "add", "node5", "--cpus", "0");
        Assert.Equal((2, ""), (bad.ExitCode, bad.Stdout));
        Assert.Single(bad.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain(await w.NodesAsync(), n => n.Node.Name == "node5");

        File.Delete(flag);
        var clear = await w.Omb.RunAsync("pbsnodes", "-c", "node4");
        Assert.True(clear.ExitCode == 0, clear.ToString());
        await w.WaitForAsync(async () => State(await w.NodesAsync(), "node4") == NodeState.Free, Phase, "node4 to join once its check passes");
        Assert.NotEqual(world, w.WorldPid());
    }

    [Fact]
    public async Task NodeRemove_MovesTheCheckpointingTask_LetsThePlainOneFinishThere_ThenTheWorldRelaunchesWithoutIt()
    {
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--cpu-threshold", "100");
        var script = await WriteScriptAsync(w);
        var (moving, plain) = await BothOnNode1Async(w, [Repository.Jobs("ckpt-sum.sh"), "1000000000", "100000", "0.05"],
            ["-N", "plain", "-l", "walltime=00:05:00", script]);
        var session = (await w.JobAsync(plain)).Tasks[0].SessionId!.Value;

        var remove = await OkAsync(w, "node", "remove", "node1");
        Assert.StartsWith("node1: leaving", remove.Stdout, StringComparison.Ordinal);
        await w.WaitForAsync(async () => (await w.JobAsync(moving)) is { State: JobState.Running } j && j.Tasks[0].Node?.ToString() != "node1" && j.Tasks[0].Migrations >= 1,
            Phase, $"the checkpointing job {moving} to move off node1");
        var nodes = await w.NodesAsync();
        Assert.Equal(NodeState.Offline, State(nodes, "node1"));
        Assert.Contains(nodes, n => n.Node.Name == "node1");
        Assert.Equal(("node1", session), ((await w.JobAsync(plain)).Tasks[0].Node?.ToString(), (await w.JobAsync(plain)).Tasks[0].SessionId!.Value));

        // The plain task finishes where it is; then node1 leaves the world.
        var world = w.WorldPid();
        await File.WriteAllTextAsync(Path.Combine(w.WorkDirectory, "go"), "");
        var finished = await w.WaitFinishedAsync(plain, Phase);
        Assert.True(finished.State == JobState.Completed && finished.Tasks[0].Requeues == 0 && finished.Tasks[0].SessionId == session, $"plain: {finished.State}");
        Assert.Equal("done node1 restart 0\n", File.ReadAllText(Path.Combine(w.WorkDirectory, $"plain.o{plain}")));
        await w.WaitForAsync(async () => (await w.NodesAsync()).All(n => n.Node.Name != "node1"), Phase, "node1 to be gone from the world");
        Assert.NotEqual(world, w.WorldPid());
        var moved = await w.JobAsync(moving);
        Assert.Equal(JobState.Running, moved.State);

        // The moved task, adopted by the new world's rank, still answers qdel.
        await OkAsync(w, "qdel", moving);
        Assert.Equal(JobState.Deleted, (await w.WaitFinishedAsync(moving, Phase)).State);
        await w.WaitForAsync(() => Task.FromResult(!ProcStat.IsAlive(moved.Tasks[0].SessionId!.Value)), Phase, $"job {moving}'s process to end");
    }

    [Fact]
    public async Task NodeRemoveNow_RequeuesItsRerunnableTask_FailsTheOtherWithTheReason_AndTheNodeLeaves()
    {
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--cpu-threshold", "100");
        var script = await WriteScriptAsync(w);
        var (rerun, once) = await BothOnNode1Async(w, ["-N", "rerun", "-l", "walltime=00:05:00", script],
            ["-N", "once", "-r", "n", "-l", "walltime=00:05:00", script]);

        var remove = await OkAsync(w, "node", "remove", "node1", "--now");
        Assert.StartsWith("node1: leaving now", remove.Stdout, StringComparison.Ordinal);

        var failed = await w.WaitFinishedAsync(once, Phase);
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Contains("removed from the cluster", failed.Tasks[0].Reason, StringComparison.Ordinal);
        await w.WaitForAsync(async () => (await w.JobAsync(rerun)) is { State: JobState.Running } j && j.Tasks[0].Node?.ToString() != "node1" && j.Tasks[0].SessionId is not null,
            Phase, $"the rerunnable job {rerun} to run again on another node");
        await w.WaitForAsync(async () => (await w.NodesAsync()).All(n => n.Node.Name != "node1"), Phase, "node1 to be gone from the world");

        await File.WriteAllTextAsync(Path.Combine(w.WorkDirectory, "go"), "");
        var done = await w.WaitFinishedAsync(rerun, Phase);
        Assert.Equal((JobState.Completed, 1), (done.State, done.Tasks[0].Requeues));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(w.WorkDirectory, $"runs-{rerun}")).Length);
    }

    private static async Task<string> WriteScriptAsync(WorldServer w)
    {
        var script = Path.Combine(w.WorkDirectory, "wait.sh");
        await File.WriteAllTextAsync(script, Script.Replace("\r", "", StringComparison.Ordinal));
        return script;
    }

    /// <summary>Submits two jobs while node2 and node3 are offline, so both run on node1, then brings those back.</summary>
    private static async Task<(string First, string Second)> BothOnNode1Async(WorldServer w, string[] first, string[] second)
    {
        await OkAsync(w, "pbsnodes", "-o", "node2", "node3");
        var ids = (await w.QsubAsync(first), await w.QsubAsync(second));
        Assert.Equal("node1", await RunningNodeAsync(w, ids.Item1, Phase));
        Assert.Equal("node1", await RunningNodeAsync(w, ids.Item2, Phase));
        await OkAsync(w, "pbsnodes", "-c", "node2", "node3");
        return ids;
    }

    private static NodeState State(IReadOnlyList<NodeView> nodes, string name) => nodes.Single(n => n.Node.Name == name).Node.State;
}
