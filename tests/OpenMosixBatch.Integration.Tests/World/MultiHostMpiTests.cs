using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using Xunit.Abstractions;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// Issue 17 where nodes are really apart: the MPI example (jobs/mpi-sum.sh, -l nodes=2:ppn=2) on a world of two
/// "hosts" (network namespaces joined by veth links, see <see cref="NetworkHosts"/>). Everything the scheduler does
/// crosses the links: the world's own ranks (UCX over TCP), the job's mpiexec on the first host starting hydra's proxy on
/// the second through omb rsh (the server and the second node's rank, no ssh), that proxy's TCP connection back to
/// mpiexec between the hosts' addresses, the ranks' output relayed home, and the end of every part. The test asserts the
/// proxy's connection and the world's ranks' connection between the hosts, 2 ranks on each host by the host name each
/// prints, the exact sum, and no process of the job left on either host.
/// </summary>
/// <remarks>
/// <para>The job's own MPI data (the reduction between its ranks) goes through shared memory here, not over the links:
/// the hosts share this machine's IPC namespace (<c>ownIpcNamespaces: false</c>) and nothing restricts UCX's transports,
/// so UCX finds every rank reachable through shared memory (same boot id, same IPC namespace). That is on purpose: over
/// TCP, the installed MPICH 4.0.2 (ch4:ucx) hangs in <c>MPI_Finalize</c> in about half of the runs, also without omb and
/// without namespaces. It closes every UCX endpoint, then waits in a PMI barrier where it makes no UCX progress; a rank
/// late to finalize then waits forever to flush its endpoint to a rank already in that barrier. Caught live in this
/// test: rank 0 in <c>PMPI_Finalize</c> → <c>ucp_worker_progress</c> → <c>uct_tcp_iface_progress</c>, ranks 1-3 in the
/// PMI read (gdb), 25 unread bytes from rank 0 on a new connection to rank 2 (ss). Reproduced with mpiexec.hydra and
/// jobs/mpi-sum.c alone (2026-12-07): 4 ranks on one host with UCX_TLS=tcp hung in 3 of 6 runs (8 of 8 with
/// UCX_TLS=self,tcp, 0 of 6 with UCX's default transports); with a host's own IPC namespace each (TCP between the hosts
/// only), 2 of 12 plain runs and 4 of 8 runs of this test under omb. Fixed upstream by dropping that barrier
/// (https://github.com/pmodels/mpich/pull/6596, in MPICH 4.2).</para>
/// <para>On real hosts the ranks of different nodes do speak TCP (or a fabric), and with this MPICH a job can hang
/// in its finalize until its walltime; docs/user-guide.md says so. With an MPICH that has the fix, create the hosts with
/// their own IPC namespaces (the default) to make the ranks' own traffic cross the links too.</para>
/// </remarks>
[Collection("World")]
public sealed partial class MultiHostMpiTests(ITestOutputHelper output)
{
    [NetworkHostsFact]
    public async Task MpiExample_AcrossTwoHosts_StartsTwoRanksOnEachThroughTheScheduler_PrintsTheExactSum_AndLeavesNothing()
    {
        var total = Stopwatch.StartNew();
        // One IPC namespace for both hosts, so the job's ranks join through shared memory (see the remarks).
        await using var hosts = await NetworkHosts.CreateAsync(2, ownIpcNamespaces: false);
        var cluster = $$"""
            {"defaults": {"cpus": 2, "memory": "2gb"},
             "nodes": [{"name": "node1", "host": "{{hosts.Hosts[0]}}"}, {"name": "node2", "host": "{{hosts.Hosts[1]}}"}]}
            """;
        var world = new JsonObject
        {
            ["Launcher"] = hosts.Mpiexec,
            // The world's own ranks speak TCP between the hosts, as in CutLinkTests. A job's environment is built
            // afresh (none of this reaches it), so the job's ranks keep UCX's default transports.
            ["LauncherArguments"] = new JsonArray("-iface", "br0", "-genv", "UCX_TLS", "tcp", "-genv", "MPIR_CVAR_NOLOCAL", "1"),
            ["HostLauncher"] = hosts.HostLauncher,
            ["KillGrace"] = "00:00:01",
        };
        // The job takes all 4 CPUs of this 2-node cluster: cluster CPU after placing it is 100%, over the default
        // threshold of 90%, so with the defaults it would wait forever ("cluster CPU would be 100% > threshold 90%").
        await using var w = await WorldServer.StartWithClusterAsync(cluster, world, "--no-migration", "--cpu-threshold", "100");
        output.WriteLine($"world of 2 hosts up {total.Elapsed.TotalSeconds:0.0} s after the start");
        try
        {
            await RunAsync(w, hosts, total);
        }
        finally
        {
            var log = Path.Combine(w.Home, "world.log");
            output.WriteLine("world.log:\n" + (File.Exists(log) ? string.Join('\n', File.ReadAllLines(log).TakeLast(60)) : "(none)"));
        }
    }

    private async Task RunAsync(WorldServer w, NetworkHosts hosts, Stopwatch total)
    {
        foreach (var name in new[] { "mpi-sum.c", "mpi-sum.sh" })
        {
            File.Copy(Repository.Jobs(name), Path.Combine(w.WorkDirectory, name), overwrite: true);
        }

        var before = await Task.WhenAll(hosts.Hosts.Select(hosts.LinkBytesAsync));

        // The world's own processes on the hosts (hydra's proxy that holds each rank among them) are not the job's.
        var world = (await ProcessesAsync(hosts)).ToHashSet(StringComparer.Ordinal);

        // The job's mpiexec names its control port by the first host's address (HYDRA_IFACE). Nothing else is set: the
        // ranks choose their transports themselves, which with one IPC namespace is shared memory (see the remarks).
        var id = await w.QsubAsync("-v", "HYDRA_IFACE=eth0,MPI_SUM_SPIN=3", Path.Combine(w.WorkDirectory, "mpi-sum.sh"));
        var path = Path.Combine(w.WorkDirectory, $"mpi-sum.o{id}");
        var (first, second) = (hosts.Hosts[0], hosts.Hosts[1]);

        try
        {
            await w.WaitForAsync(async () => (await w.JobAsync(id)) is { } j && (j.Tasks[0].SessionId is not null || j.State.IsFinished()),
                TimeSpan.FromSeconds(60), $"job {id} to start (the world of 2 hosts to attach)");
        }
        catch
        {
            output.WriteLine((await w.Omb.RunAsync("qstat", "-f", id)).ToString());
            output.WriteLine((await w.Omb.RunAsync("tracejob", id)).ToString());
            output.WriteLine((await w.Omb.RunAsync("pbsnodes", "-a")).ToString());
            throw;
        }
        output.WriteLine($"job {id} started {total.Elapsed.TotalSeconds:0.0} s after the start");

        // While the ranks spin (after a barrier, so every part has started): hydra's proxy on the second host, started
        // there through omb rsh, holds its TCP connection to the job's mpiexec on the first, between the hosts' addresses.
        var (sockets, home) = ("", "");
        await w.WaitForAsync(async () =>
        {
            (sockets, home) = (await hosts.SocketsAsync(second), await hosts.SocketsAsync(first));
            return ProxyConnection(sockets) || (await w.JobAsync(id)).State.IsFinished();
        }, TimeSpan.FromSeconds(60), $"hydra_pmi_proxy on {second} to hold a TCP connection to mpiexec on {first}");
        output.WriteLine($"TCP connections in {second} during the run:\n{sockets}\nin {first}:\n{home}");
        Assert.True(ProxyConnection(sockets), $"no hydra_pmi_proxy connection from 10.77.0.2 to 10.77.0.1 in {second}:\n{sockets}");
        Assert.True(Connection(sockets, "omb-node"), $"no connection of the world's rank (omb-node) between 10.77.0.2 and 10.77.0.1 in {second}:\n{sockets}");

        var job = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(60));
        var text = await File.ReadAllTextAsync(path);
        output.WriteLine(text);
        Assert.True(job.State == JobState.Completed, $"job {id} ended {job.State}: {text}");
        Assert.Contains("sum 1..100000000 = 5000000050000000 over 4 ranks: OK", text, StringComparison.Ordinal);
        var ranksOn = RankLine().Matches(text).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([(first, 2), (second, 2)], ranksOn.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value)));

        // No part of the job is left on either host: no rank, proxy, omb rsh or mpiexec.
        var left = new List<string>();
        try
        {
            await w.WaitForAsync(async () =>
            {
                left = [.. (await ProcessesAsync(hosts)).Where(p => IsJobPart(p) && !world.Contains(p))];
                return left.Count == 0;
            }, TimeSpan.FromSeconds(15), $"no process of job {id} left on {first} nor {second}");
        }
        finally
        {
            output.WriteLine($"processes of job {id} left on the hosts: {(left.Count == 0 ? "none" : string.Join(", ", left))}");
        }

        var after = await Task.WhenAll(hosts.Hosts.Select(hosts.LinkBytesAsync));
        for (var i = 0; i < 2; i++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"link of {hosts.Hosts[i]} during the job: {after[i].Received - before[i].Received} bytes from the host, {after[i].Sent - before[i].Sent} bytes to it"));
        }

        output.WriteLine($"checked {total.Elapsed.TotalSeconds:0.0} s after the start");
    }

    /// <summary>Every process of every host, as "HOST: PID COMMAND".</summary>
    private static async Task<IEnumerable<string>> ProcessesAsync(NetworkHosts hosts) =>
        (await Task.WhenAll(hosts.Hosts.Select(async h => (await hosts.ProcessesAsync(h)).Select(p => $"{h}: {p}")))).SelectMany(p => p);

    /// <summary>
    /// An established connection of hydra's proxy between the two hosts' addresses (ss -tnp's line in the second host):
    /// the proxy, started on the second host, connected back to the job's mpiexec on the first.
    /// </summary>
    private static bool ProxyConnection(string sockets) => Connection(sockets, "hydra_pmi_proxy");

    /// <summary>An established connection of <paramref name="program"/>'s between 10.77.0.2 and 10.77.0.1 (ss -tnp's line).</summary>
    private static bool Connection(string sockets, string program) =>
        sockets.Split('\n').Any(l => l.Contains("ESTAB", StringComparison.Ordinal) && l.Contains("10.77.0.2:", StringComparison.Ordinal)
            && l.Contains("10.77.0.1:", StringComparison.Ordinal) && l.Contains($"\"{program}\"", StringComparison.Ordinal));

    /// <summary>A process of the job's (a "PID COMMAND" line of a host): its ranks, hydra's proxy and mpiexec, omb rsh.</summary>
    private static bool IsJobPart(string process) =>
        process.EndsWith(" mpi-sum", StringComparison.Ordinal) || process.EndsWith(" hydra_pmi_proxy", StringComparison.Ordinal)
        || process.Contains(" mpiexec", StringComparison.Ordinal) || process.EndsWith(" pbs_tmrsh", StringComparison.Ordinal);

    [GeneratedRegex(@"^rank \d of 4 on (\S+) \(node \S+\) pid \d+$", RegexOptions.Multiline)]
    private static partial Regex RankLine();
}
