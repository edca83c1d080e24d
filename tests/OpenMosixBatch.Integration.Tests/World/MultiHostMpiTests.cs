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
/// "hosts" (network namespaces joined by veth links, see <see cref="NetworkHosts"/>) starts 2 ranks on each host through
/// omb rsh, the ranks talk over TCP between the hosts' addresses, and the answer is exact.
/// </summary>
/// <remarks>
/// <para>Skipped, because about half of the runs hang in the installed MPI, not in omb nor in the namespaces. MPICH
/// 4.0.2's ch4:ucx <c>MPI_Finalize</c> closes every UCX endpoint (<c>ucp_disconnect_nb</c>, flush mode), then waits in
/// a PMI barrier. A rank that finalizes early closes its TCP connections and blocks in that barrier, where it no longer
/// makes UCX progress; a rank that finalizes later (rank 0, which prints the sum) then waits forever for its endpoint
/// to that rank to flush, apparently over a connection it opened again. Caught live in this test: rank 0 in
/// <c>PMPI_Finalize</c> → <c>ucp_worker_progress</c> → <c>uct_tcp_iface_progress</c>, ranks 1-3 in the PMI read
/// (gdb), and 25 unread bytes from rank 0 on a new connection to rank 2 (ss). MPICH fixed it upstream by dropping that
/// barrier (pmodels/mpich pull request 6596, "having the process stuck in PMI_barrier may prevent other processes to
/// complete the previous ucp_disconnect_nb"; in MPICH 4.2).</para>
/// <para>Reproduced without omb, with mpiexec.hydra and jobs/mpi-sum.c alone (2026-12-07): with UCX_TLS=tcp, 4 ranks
/// on one host and no namespace hung in 3 of 6 runs (8 of 8 with UCX_TLS=self,tcp, 0 of 6 with UCX's default
/// transports, which use shared memory there); across these two hosts with UCX's default transports (TCP between the
/// hosts only), in 2 of 12 runs of <c>mpi-sum 100000000 3</c>; under omb, 4 of 8 runs of this test. Real hosts that
/// speak TCP have the same race.</para>
/// <para>The test no longer restricts UCX to TCP (UCX_TLS=tcp, MPIR_CVAR_NOLOCAL=1): each host has its own IPC
/// namespace (<see cref="NetworkHosts"/>), so UCX uses TCP between the hosts and shared memory within one, as on real
/// machines. Un-skip it with an MPICH whose finalize has that fix.</para>
/// </remarks>
[Collection("World")]
public sealed partial class MultiHostMpiTests(ITestOutputHelper output)
{
    [NetworkHostsFact(Skip = "MPICH 4.0.2 (ch4:ucx) hangs in MPI_Finalize in about half of these runs, also without omb and without namespaces: a rank late to finalize reconnects over TCP to flush its endpoint to a rank already waiting in the PMI barrier (pmodels/mpich pull request 6596, fixed in MPICH 4.2); see the remarks")]
    public async Task MpiExample_AcrossTwoHosts_RunsTwoRanksOnEach_TalkingTcpBetweenTheHosts_AndPrintsTheExactSum()
    {
        var total = Stopwatch.StartNew();
        await using var hosts = await NetworkHosts.CreateAsync(2);
        var cluster = $$"""
            {"defaults": {"cpus": 2, "memory": "2gb"},
             "nodes": [{"name": "node1", "host": "{{hosts.Hosts[0]}}"}, {"name": "node2", "host": "{{hosts.Hosts[1]}}"}]}
            """;
        var world = new JsonObject
        {
            ["Launcher"] = hosts.Mpiexec,
            // No UCX_TLS=tcp nor MPIR_CVAR_NOLOCAL: each host has its own IPC namespace, so UCX already joins ranks of
            // different hosts over TCP, and ranks of one host through shared memory, as on real hosts (see the remarks).
            ["LauncherArguments"] = new JsonArray("-iface", "br0"),
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

        // The job's mpiexec names its control port by the first host's address (HYDRA_IFACE). Nothing else is set: the
        // ranks choose their transports as they would on real hosts.
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

        // While the ranks spin (after a barrier, so they are connected), the second host holds their TCP connections to the first.
        var sockets = "";
        await w.WaitForAsync(async () =>
        {
            sockets = await hosts.SocketsAsync(second);
            return RankConnection(sockets) || (await w.JobAsync(id)).State.IsFinished();
        }, TimeSpan.FromSeconds(60), $"a rank of job {id} on {second} to hold a TCP connection to {first}");
        output.WriteLine($"TCP connections in {second} during the run:\n{sockets}");
        Assert.True(RankConnection(sockets), $"no mpi-sum connection between 10.77.0.2 and 10.77.0.1 in {second}:\n{sockets}");

        var job = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(60));
        var text = await File.ReadAllTextAsync(path);
        output.WriteLine(text);
        Assert.True(job.State == JobState.Completed, $"job {id} ended {job.State}: {text}");
        Assert.Contains("sum 1..100000000 = 5000000050000000 over 4 ranks: OK", text, StringComparison.Ordinal);
        var ranksOn = RankLine().Matches(text).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([(first, 2), (second, 2)], ranksOn.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value)));

        var after = await Task.WhenAll(hosts.Hosts.Select(hosts.LinkBytesAsync));
        for (var i = 0; i < 2; i++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"link of {hosts.Hosts[i]} during the job: {after[i].Received - before[i].Received} bytes from the host, {after[i].Sent - before[i].Sent} bytes to it"));
        }

        output.WriteLine($"checked {total.Elapsed.TotalSeconds:0.0} s after the start");
    }

    /// <summary>
    /// An established connection of an mpi-sum rank's own between the two hosts' addresses (ss -tnp's line). hydra's
    /// proxy hands its control connection to mpiexec down to the ranks it starts, so a line that also names
    /// hydra_pmi_proxy is the launcher's, not the ranks' traffic.
    /// </summary>
    private static bool RankConnection(string sockets) =>
        sockets.Split('\n').Any(l => l.Contains("ESTAB", StringComparison.Ordinal) && l.Contains("10.77.0.2:", StringComparison.Ordinal)
            && l.Contains("10.77.0.1:", StringComparison.Ordinal) && l.Contains("\"mpi-sum\"", StringComparison.Ordinal)
            && !l.Contains("hydra_pmi_proxy", StringComparison.Ordinal));

    [GeneratedRegex(@"^rank \d of 4 on (\S+) \(node \S+\) pid \d+$", RegexOptions.Multiline)]
    private static partial Regex RankLine();
}
