using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using Xunit.Abstractions;
using static OpenMosixBatch.Integration.Tests.Migration.MigrationSteps;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// conf/cluster.json edited while the cluster runs (issue 16): <c>omb node reload</c> and SIGHUP bring in a new node
/// and apply a node's new capacity, which pbsnodes shows and admission uses; a running task outlives the relaunches.
/// </summary>
[Collection("World")]
public sealed class ReloadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(60);

    private static string Cluster(string node1, string node2, string? node3 = null) => $$"""
        {"defaults": {"cpus": 2, "memory": "2gb"},
         "nodes": [{"name": "node1", {{node1}}}, {"name": "node2", {{node2}}}{{(node3 is null ? "" : $$""", {"name": "node3", {{node3}}}""")}}]}
        """;

    [Fact]
    public async Task ReloadAndSighup_AddTheNewNode_AndApplyAChangedCapacity_ThatPbsnodesShowsAndAdmissionUses()
    {
        var clock = Stopwatch.StartNew();
        await using var w = await WorldServer.StartWithClusterAsync(Cluster("\"cpus\": 2", "\"cpus\": 2"));
        var file = Path.Combine(w.Home, "conf", "cluster.json");
        var running = await w.QsubAsync("-N", "stays", "--", "/bin/sh", "-c", "sleep 300");
        var node = await RunningNodeAsync(w, running, Phase);
        var session = (await w.JobAsync(running)).Tasks[0].SessionId!.Value;

        // Three CPUs and 6 GB on one node: no node has them yet, so the job is refused at submission.
        string[] big = ["-N", "big", "-l", "ncpus=3,mem=6gb", "--", "/bin/sh", "-c", "echo big on $OMB_NODE"];
        var refused = await w.Omb.RunAsync(["qsub", .. big]);
        Assert.True(refused.ExitCode != 0 && refused.Stdout.Length == 0, refused.ToString());

        await File.WriteAllTextAsync(file, Cluster("\"cpus\": 4, \"memory\": \"8gb\"", "\"cpus\": 2", "\"cpus\": 2"));
        var reload = await OkAsync(w, "node", "reload");
        Assert.Contains("node3: joining", reload.Stdout, StringComparison.Ordinal);
        Assert.Contains("node1: new capacity", reload.Stdout, StringComparison.Ordinal);

        await w.WaitForAsync(async () => (await w.NodesAsync()) is var n && n.Any(v => v.Node is { Name: "node3", State: NodeState.Free })
            && n.Any(v => v.Node is { Name: "node1", Cpus: 4, MemoryBytes: 8L << 30 }), Phase, "node3 free and node1 with 4 CPUs and 8 GB");
        var listed = await OkAsync(w, "pbsnodes", "-a");
        var node1 = Section(listed.Stdout, "node1");
        Assert.Contains("/4\n", node1, StringComparison.Ordinal);
        Assert.Contains("state = free", Section(listed.Stdout, "node3"), StringComparison.Ordinal);

        // Admission places by the new capacity: only node1 can take the job now.
        var fits = await w.QsubAsync(big);
        Assert.Equal("node1", (await w.WaitFinishedAsync(fits, Phase)).Tasks[0].Node?.ToString());
        Assert.Equal("big on node1\n", File.ReadAllText(Path.Combine(w.WorkDirectory, $"big.o{fits}")));

        // SIGHUP reads the file again as omb node reload does.
        await File.WriteAllTextAsync(file, Cluster("\"cpus\": 4, \"memory\": \"8gb\"", "\"cpus\": 3", "\"cpus\": 2"));
        var hup = await ChildProcess.RunAsync("kill", ["-HUP", w.Server.Pid.ToString(CultureInfo.InvariantCulture)]);
        Assert.Equal(0, hup.ExitCode);
        await w.WaitForAsync(async () => (await w.NodesAsync()).Any(v => v.Node is { Name: "node2", Cpus: 3, State: NodeState.Free or NodeState.Busy }),
            Phase, "node2 with 3 CPUs after SIGHUP");

        // The task that ran before all three relaunches still runs where it was, as the same process.
        var after = await w.JobAsync(running);
        Assert.True(after.State == JobState.Running && after.Tasks[0].Node?.ToString() == node && after.Tasks[0].SessionId == session && ProcStat.IsAlive(session),
            $"job {running}: {after.State} on {after.Tasks[0].Node} session {after.Tasks[0].SessionId} (was {node} {session})\n{w.LogTail(60)}");
        Assert.Equal(0, after.Tasks[0].Requeues);
        await QdelQuietlyAsync(w, running);
        output.WriteLine($"reload test: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>One node's lines of pbsnodes -a (from its name to the next blank line).</summary>
    private static string Section(string listing, string node)
    {
        var start = listing.IndexOf(node + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{node} is not in:\n{listing}");
        var end = listing.IndexOf("\n\n", start, StringComparison.Ordinal);
        return end < 0 ? listing[start..] : listing[start..end];
    }
}
