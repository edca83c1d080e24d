using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using OpenMosixBatch.Integration.Tests.Migration;
using Xunit.Abstractions;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// A world over three "hosts" (network namespaces joined by veth links, see <see cref="NetworkHosts"/>): the ranks talk
/// over real TCP, and cutting one host's link fails its task over to the other hosts from its checkpoint.
/// </summary>
[Collection("World")]
public sealed class CutLinkTests(ITestOutputHelper output)
{
    // 50 steps with half a second of sleep after each: at least 25 s however idle the machine, so the job still runs
    // when the link is cut, and little CPU, so a loaded machine does not stretch it much.
    private const long Sum = 500_000;

    [NetworkHostsFact]
    public async Task CutLink_FailsTheHostsTaskOverFromItsCheckpoint_AndRelaunchesTheWorldWithoutTheHost()
    {
        await using var hosts = await NetworkHosts.CreateAsync(3);
        var cluster = $$"""
            {"defaults": {"cpus": 2, "memory": "2gb"},
             "nodes": [{"name": "node1", "host": "{{hosts.Hosts[0]}}"}, {"name": "node2", "host": "{{hosts.Hosts[1]}}"}, {"name": "node3", "host": "{{hosts.Hosts[2]}}"}]}
            """;
        var world = new JsonObject
        {
            ["Launcher"] = hosts.Mpiexec,
            // Every rank on a host of its own must speak TCP: UCX over TCP only, no MPICH shared memory.
            ["LauncherArguments"] = new JsonArray("-iface", "br0", "-genv", "UCX_TLS", "tcp", "-genv", "MPIR_CVAR_NOLOCAL", "1"),
            ["HostLauncher"] = hosts.HostLauncher,
            ["UnreachableAfter"] = "00:00:06",
            ["KillGrace"] = "00:00:01",

            // `ip netns exec` reaches a host without crossing its link, so the rejoin check passes there even while the
            // link is cut: node3 must stay out for the rest of this test.
            ["RejoinInterval"] = "01:00:00",
        };
        var total = Stopwatch.StartNew();
        await using var w = await WorldServer.StartWithClusterAsync(cluster, world, "--no-migration");
        output.WriteLine($"world of 3 hosts up {total.Elapsed.TotalSeconds:0.0} s after the namespaces were made");
        var before = await LinkBytesAsync(hosts);

        // Start the job on node1 (the others offline), then move it to node3: the move commits a checkpoint there.
        await MigrationSteps.OkAsync(w, "pbsnodes", "-o", "node2", "node3");
        var id = await w.QsubAsync(Repository.Jobs("ckpt-sum.sh"), Sum.ToString(CultureInfo.InvariantCulture), "10000", "0.5");
        Assert.Equal("node1", await MigrationSteps.RunningNodeAsync(w, id));
        await MigrationSteps.OkAsync(w, "pbsnodes", "-c", "node2", "node3");
        await MigrationSteps.OkAsync(w, "migrate", id, "node3");
        await w.WaitForAsync(async () => await w.JobAsync(id) is { State: JobState.Running } j && j.Tasks[0] is { SessionId: not null, Migrations: 1 } t && t.Node?.ToString() is "node3",
            TimeSpan.FromSeconds(60), $"job {id} to run on node3 after its move");
        var moved = await w.JobAsync(id);
        Assert.NotNull(moved.Tasks[0].LastCheckpoint);

        var sockets = await hosts.SocketsAsync(hosts.Hosts[2]);
        var during = await LinkBytesAsync(hosts);
        output.WriteLine($"TCP connections in {hosts.Hosts[2]} (node3) before the cut:\n{sockets}");
        for (var i = 0; i < 3; i++)
        {
            output.WriteLine($"link of node{i + 1}: {during[i].Received - before[i].Received} bytes from the host, {during[i].Sent - before[i].Sent} bytes to it since the world was up");
        }

        // The ranks' MPI connections run between the hosts' addresses, not over a shared memory or loopback path.
        Assert.Contains(sockets.Split('\n'), l => l.Contains("ESTAB", StringComparison.Ordinal) && l.Contains("10.77.0.3:", StringComparison.Ordinal)
            && (l.Contains("10.77.0.1:", StringComparison.Ordinal) || l.Contains("10.77.0.2:", StringComparison.Ordinal)) && l.Contains("omb-node", StringComparison.Ordinal));
        // The checkpoint went from node1 to node3 over the links (rank to rank over MPI): more than the ticks alone carry.
        Assert.True(during[2].Sent - before[2].Sent > 4096, $"only {during[2].Sent - before[2].Sent} bytes went to node3's host");

        output.WriteLine($"job on node3 with its checkpoint {total.Elapsed.TotalSeconds:0.0} s after the start");
        var clock = Stopwatch.StartNew();
        await hosts.CutAsync(hosts.Hosts[2]);

        await w.WaitForAsync(async () => (await w.NodesAsync()).Any(n => n.Node.Name == "node3" && n.Node.State == NodeState.Down && n.Comment?.StartsWith("unreachable:", StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(60), "node3 to be marked down as unreachable");
        var markedDown = clock.Elapsed;
        await w.WaitForAsync(async () => await w.JobAsync(id) is { State: JobState.Running } j && j.Tasks[0] is { SessionId: not null } t && t.Node?.ToString() is "node1" or "node2",
            TimeSpan.FromSeconds(90), $"job {id} to run again on node1 or node2");
        var failedOver = clock.Elapsed;
        output.WriteLine($"node3 marked down {markedDown.TotalSeconds:0.0} s after the cut; the task ran again on another host {failedOver.TotalSeconds:0.0} s after it");

        // The cut-off rank fenced itself: no process of the job is left in node3's namespace to run beside the copy.
        foreach (var pid in MigrationSteps.ProcessesOf(w, id))
        {
            Assert.False(await InNamespaceAsync(pid, hosts.Hosts[2]), $"process {pid} of job {id} still runs on the cut-off host");
        }


        var done = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));
        Assert.Equal((JobState.Completed, 0), (done.State, done.Tasks[0].ExitStatus));
        var text = await File.ReadAllTextAsync(Path.Combine(w.WorkDirectory, $"ckpt-sum.o{id}"));
        var expected = (Sum * (Sum + 1) / 2).ToString(CultureInfo.InvariantCulture);
        // Resumed from the move's checkpoint on node3 and again, after the failover, from the same checkpoint (whose state
        // says it had resumed 0 times): never from the start.
        Assert.True(text.Trim().StartsWith($"sum {expected} expected {expected} resumes 1 ", StringComparison.Ordinal) && done.Tasks[0].Requeues >= 1,
            $"expected the exact sum, resumed from the checkpoint after a requeue: {text.Trim()} ({done.Tasks[0].Requeues} requeue(s))");
        output.WriteLine($"{text.Trim()}; finished {clock.Elapsed.TotalSeconds:0.0} s after the cut");

        var nodes = await w.NodesAsync();
        Assert.Equal([("node1", true), ("node2", true), ("node3", false)], nodes.Select(n => (n.Node.Name, n.Node.State is NodeState.Free or NodeState.Busy)));
        var after = await LinkBytesAsync(hosts);
        output.WriteLine($"after the failover: node1 link +{after[0].Sent - during[0].Sent} bytes to the host, node2 +{after[1].Sent - during[1].Sent}, node3 +{after[2].Sent - during[2].Sent} (cut)");
        output.WriteLine($"checked {total.Elapsed.TotalSeconds:0.0} s after the start");
        output.WriteLine(string.Join('\n', w.Server.Output.Split('\n').Where(l => l.Contains("unreachable", StringComparison.Ordinal) || l.Contains("launched world", StringComparison.Ordinal) || l.Contains("stopping world", StringComparison.Ordinal))));
    }

    private static async Task<(long Received, long Sent)[]> LinkBytesAsync(NetworkHosts hosts) =>
        await Task.WhenAll(hosts.Hosts.Select(hosts.LinkBytesAsync));

    private static async Task<bool> InNamespaceAsync(int pid, string ns) =>
        (await ChildProcess.RunAsync("ip", ["netns", "identify", pid.ToString(CultureInfo.InvariantCulture)])).Stdout.Split('\n').Any(l => l.Trim() == ns);
}
