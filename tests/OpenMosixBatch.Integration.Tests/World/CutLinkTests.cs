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
    public async Task CutLink_FailsTheHostsTaskOverFromItsCheckpoint_RelaunchesWithoutTheHost_AndItRejoinsWhenBack_UnlessOfflined()
    {
        await using var hosts = await NetworkHosts.CreateAsync(3);
        using var dir = new TempDirectory();

        // The health check crosses the node's link (a TCP connect to the hub, refused when it gets there): run through
        // `ip netns exec`, which does not cross it, a check that passes proves nothing about the link.
        var check = dir.File("hub-reachable.sh");
        await File.WriteAllTextAsync(check, """
            #!/bin/bash
            out=$(timeout 3 bash -c 'exec 3<>/dev/tcp/10.77.0.254/9' 2>&1)
            case "$out" in *refused*) echo "hub reachable from $OMB_NODE"; exit 0 ;; esac
            echo "hub 10.77.0.254 unreachable from $OMB_NODE"; exit 1
            """.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(check, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
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

            // A cut-off node's health check runs there every 2 s; it fails while its link is down.
            ["RejoinInterval"] = "00:00:02",
        };
        var health = new JsonObject { ["Program"] = check, ["Interval"] = "00:10:00", ["Timeout"] = "00:00:05" };
        var total = Stopwatch.StartNew();
        await using var w = await WorldServer.StartWithClusterAsync(cluster, world, health, "--no-migration");
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
        // node2 is taken offline by an administrator, then cut off too.
        await MigrationSteps.OkAsync(w, "pbsnodes", "-o", "node2");
        var clock = Stopwatch.StartNew();
        await hosts.CutAsync(hosts.Hosts[2]);
        await hosts.CutAsync(hosts.Hosts[1]);

        await w.WaitForAsync(async () => (await w.NodesAsync()).Count(n => n.Node.Name is "node2" or "node3" && n.Node.State == NodeState.Down
                && (n.Comment?.StartsWith("unreachable:", StringComparison.Ordinal) == true || n.Comment?.StartsWith("cut off", StringComparison.Ordinal) == true)) == 2,
            TimeSpan.FromSeconds(60), "node2 and node3 to be marked down as unreachable");
        var markedDown = clock.Elapsed;
        await w.WaitForAsync(async () => await w.JobAsync(id) is { State: JobState.Running } j && j.Tasks[0] is { SessionId: not null } t && t.Node?.ToString() == "node1",
            TimeSpan.FromSeconds(90), $"job {id} to run again on node1");
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
        Assert.Equal([("node1", true), ("node2", false), ("node3", false)], nodes.Select(n => (n.Node.Name, n.Node.State is NodeState.Free or NodeState.Busy)));
        Assert.Contains("cut off; its health check there fails: hub 10.77.0.254 unreachable from node3", nodes.Single(n => n.Node.Name == "node3").Comment, StringComparison.Ordinal);
        var after = await LinkBytesAsync(hosts);
        output.WriteLine($"after the failover: node1 link +{after[0].Sent - during[0].Sent} bytes to the host, node2 +{after[1].Sent - during[1].Sent}, node3 +{after[2].Sent - during[2].Sent} (cut)");
        output.WriteLine($"checked {total.Elapsed.TotalSeconds:0.0} s after the start");

        // The links come back. node3 rejoins after its check passes there, without an operator; node2, which an
        // administrator took offline, is left out (its check is not even run) until pbsnodes -c.
        var back = Stopwatch.StartNew();
        await hosts.ReconnectAsync(hosts.Hosts[1]);
        await hosts.ReconnectAsync(hosts.Hosts[2]);
        await w.WaitForAsync(async () => (await w.NodesAsync()).Any(n => n.Node is { Name: "node3", State: NodeState.Free }), TimeSpan.FromSeconds(60),
            "node3 to rejoin once its link is back");
        output.WriteLine($"node3 free again {back.Elapsed.TotalSeconds:0.0} s after its link came back");
        var held = (await w.NodesAsync()).Single(n => n.Node.Name == "node2");
        Assert.True(held.Node.State == NodeState.Down && held.Comment?.Contains("offline by an administrator", StringComparison.Ordinal) == true,
            $"node2: {held.Node.State}, {held.Comment}");
        Assert.DoesNotContain(w.Server.Output.Split('\n'), l => l.Contains("node node2 passes its health check", StringComparison.Ordinal)
            || l.Contains("node node2 stays out of the world", StringComparison.Ordinal));
        output.WriteLine(string.Join('\n', w.Server.Output.Split('\n').Where(l => l.Contains("unreachable", StringComparison.Ordinal) || l.Contains("launched world", StringComparison.Ordinal) || l.Contains("stopping world", StringComparison.Ordinal))));
    }

    private static async Task<(long Received, long Sent)[]> LinkBytesAsync(NetworkHosts hosts) =>
        await Task.WhenAll(hosts.Hosts.Select(hosts.LinkBytesAsync));

    private static async Task<bool> InNamespaceAsync(int pid, string ns) =>
        (await ChildProcess.RunAsync("ip", ["netns", "identify", pid.ToString(CultureInfo.InvariantCulture)])).Stdout.Split('\n').Any(l => l.Trim() == ns);
}
