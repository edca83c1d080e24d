using System.Globalization;
using System.Text.RegularExpressions;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// Issue 17 on a real 3-rank world: omb rsh starts a part of a job on another of its nodes through the world (relayed
/// output, exit status, refusals), and a plain mpiexec in jobs/mpi-sum.sh starts its ranks that way, 2 on each node.
/// </summary>
[Collection("World")]
public sealed partial class RemoteStartTests(ThreeNodeWorld fixture) : IClassFixture<ThreeNodeWorld>
{
    private WorldServer W => fixture.World;

    [Fact]
    public async Task Rsh_RunsOnTheJobsOtherNode_RelaysOutputAndExitStatus_AndRefusesOtherNodesAndCookies()
    {
        var nodes = (await W.NodesAsync()).Select(n => n.Node.Name).ToList();
        var script = Path.Combine(W.WorkDirectory, "rsh.sh");
        await File.WriteAllTextAsync(script, $$"""
            #!/bin/sh
            #PBS -N rsh
            #PBS -l nodes=2:ppn=1,walltime=00:01:00
            other=$(sort -u "$PBS_NODEFILE" | grep -vx "$OMB_NODE" | head -n 1)
            "$HYDRA_LAUNCHER_EXEC" -x "$other" 'echo "on=$OMB_NODE in=$(pwd)"; echo to-stderr >&2; exit 7'
            echo "status=$?"
            echo "piped=$(printf 'hi\nthere\n' | "$HYDRA_LAUNCHER_EXEC" "$other" 'cat; echo eof')"
            for n in {{string.Join(' ', nodes)}}; do grep -qx "$n" "$PBS_NODEFILE" || outsider=$n; done
            "$HYDRA_LAUNCHER_EXEC" "$outsider" true
            echo "outsider=$?"
            OMB_JOB_COOKIE=0000 "$HYDRA_LAUNCHER_EXEC" "$other" true
            echo "forged=$?"
            echo "other=$other outsider=$outsider"

            """);

        var id = await W.QsubAsync(script);
        var job = await W.WaitFinishedAsync(id);

        var output = await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"rsh.o{id}"));
        var errors = await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"rsh.e{id}"));
        Assert.True(job.State == JobState.Completed, $"job {id} ended {job.State}: {output} {errors}");
        var other = Regex.Match(output, "other=(\\S+)").Groups[1].Value;
        var outsider = Regex.Match(output, "outsider=(node\\S+)").Groups[1].Value;
        Assert.Contains(other, job.Tasks[0].Node!);
        Assert.DoesNotContain(outsider, job.Tasks[0].Node!);
        Assert.Contains($"on={other} in={W.WorkDirectory}\n", output, StringComparison.Ordinal);
        Assert.Contains("status=7\n", output, StringComparison.Ordinal);
        Assert.Contains("to-stderr\n", errors, StringComparison.Ordinal);
        // stdin went to the part through the server and the world, and its end too (cat ended: "eof").
        Assert.Contains("piped=hi\nthere\neof\n", output, StringComparison.Ordinal);
        Assert.Contains("outsider=1\n", output, StringComparison.Ordinal);
        Assert.Contains($"node '{outsider}' is not one of job {id}'s nodes", errors, StringComparison.Ordinal);
        Assert.Contains("forged=1\n", output, StringComparison.Ordinal);
        Assert.Contains("OMB_JOB_COOKIE is not the job's", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rsh_OutsideAnyJob_IsRefusedInOneLine()
    {
        var r = await W.Omb.RunAsync("rsh", "node1", "true");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("omb rsh: not inside a running job (OMB_JOB_ID and OMB_JOB_COOKIE are not set): run it from a job's script", r.Stderr.Trim());
    }

    [Fact]
    public async Task MpiExample_RunsFourRanks_TwoUnderEachAllocatedNodesRank_AndPrintsTheExactSum()
    {
        var id = await SubmitMpiSumAsync("-v", "MPI_SUM_SPIN=6");
        var ranks = await WaitForRanksAsync(id);

        var session = (await W.JobAsync(id)).Tasks[0].SessionId!.Value;
        var firstNodesRank = ProcStat.RankOf(session);
        var rankOf = ranks.ToDictionary(pid => pid, JobProcesses.RankAbove);
        Assert.All(rankOf, r => Assert.NotEqual(0, r.Value));
        // Started by the world's ranks, not by the job script's mpiexec on the first node.
        Assert.All(ranks, pid => Assert.False(JobProcesses.Descends(pid, session), $"rank pid {pid} descends from the job script"));
        var perRank = rankOf.GroupBy(r => r.Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, perRank.Count);
        Assert.All(perRank.Values, count => Assert.Equal(2, count));
        Assert.Contains(firstNodesRank, perRank.Keys);

        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(120));
        var output = await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"mpi-sum.o{id}"));
        Assert.True(job.State == JobState.Completed, $"job {id} ended {job.State}: {output}");
        Assert.Contains("sum 1..100000000 = 5000000050000000 over 4 ranks: OK", output, StringComparison.Ordinal);

        // resources_used covers every rank: each node's parts (2 busy ranks for 6 s) counted beside the script's own.
        var task = job.Tasks[0];
        Assert.Equal(task.Node!.Order(), task.PartUsage.Select(u => u.Node).Order());
        Assert.All(task.PartUsage, u => Assert.True(u.CpuTime >= TimeSpan.FromSeconds(1), $"{u.Node}'s parts used {u.CpuTime}"));
        var full = await W.Omb.RunAsync("qstat", "-f", id);
        var cput = TimeSpan.Parse(CputLine().Match(full.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(cput >= task.CpuTime + task.PartUsage[0].CpuTime + task.PartUsage[1].CpuTime - TimeSpan.FromSeconds(1), $"cput {cput}: {full.Stdout}");
        var json = await W.Omb.RunAsync("qstat", "-f", "--json", id);
        Assert.Contains("\"partUsage\":[{\"node\":", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MpiExample_ARankOnTheSecondNodeExitingNonZero_FailsMpiexecAndTheJobWithItsStatus()
    {
        // The host file lists the first node first, so ranks 2 and 3 run on the second node.
        var id = await SubmitMpiSumAsync("-v", "MPI_SUM_N=1000,MPI_SUM_FAIL=3");

        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));

        var output = await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"mpi-sum.o{id}"));
        Assert.True(job.State == JobState.Failed, $"job {id} ended {job.State}: {output}");
        Assert.Equal(3, job.Tasks[0].ExitStatus);
    }

    [Fact]
    public async Task Qdel_DuringALongMpiRun_LeavesNoProcessOfTheJobOnAnyNode()
    {
        var id = await SubmitMpiSumAsync("-v", "MPI_SUM_SPIN=300");
        await WaitForRanksAsync(id);

        var r = await W.Omb.RunAsync("qdel", id);
        Assert.Equal(0, r.ExitCode);

        await W.WaitForAsync(() => Task.FromResult(JobProcesses.Of(id).Count == 0), TimeSpan.FromSeconds(30), $"every process of job {id} to end");
        await W.WaitFinishedAsync(id);
    }

    [Fact]
    public async Task Walltime_OfALongMpiRun_KillsEveryPartOnEveryNode()
    {
        var id = await SubmitMpiSumAsync("-v", "MPI_SUM_SPIN=300", "-l", "walltime=00:00:15");
        await WaitForRanksAsync(id);

        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(60));
        Assert.StartsWith("walltime", job.Tasks[0].Reason, StringComparison.Ordinal);
        await W.WaitForAsync(() => Task.FromResult(JobProcesses.Of(id).Count == 0), TimeSpan.FromSeconds(30), $"every process of job {id} to end");
    }

    [Fact]
    public async Task Dsh_RunsTheCommandOncePerCpu_OrOncePerNodeWithU()
    {
        var script = Path.Combine(W.WorkDirectory, "dsh.sh");
        await File.WriteAllTextAsync(script, """
            #!/bin/sh
            #PBS -N dsh
            #PBS -l nodes=2:ppn=2,walltime=00:01:00
            "$OMB" dsh sh -c 'echo "cpu on $OMB_NODE"'
            "$OMB" dsh -u hostname
            echo "done=$?"

            """);

        var id = await W.QsubAsync("-v", "OMB=" + Repository.OmbBinary, script);
        var job = await W.WaitFinishedAsync(id);

        var output = await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"dsh.o{id}"));
        Assert.True(job.State == JobState.Completed, $"job {id} ended {job.State}: {output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var nodes = job.Tasks[0].Node!;
        Assert.True(nodes.Order().SelectMany(n => new[] { "cpu on " + n, "cpu on " + n })
            .SequenceEqual(lines.Where(l => l.StartsWith("cpu on", StringComparison.Ordinal)).Order()), $"job {id} on {job.Tasks[0].Node} printed: {output}");
        Assert.Equal(2, lines.Count(l => l == Environment.MachineName));
        Assert.Contains("done=0", lines);
    }

    private async Task<string> SubmitMpiSumAsync(params string[] options)
    {
        foreach (var name in new[] { "mpi-sum.c", "mpi-sum.sh" })
        {
            File.Copy(Repository.Jobs(name), Path.Combine(W.WorkDirectory, name), overwrite: true);
        }

        return await W.QsubAsync([.. options, Path.Combine(W.WorkDirectory, "mpi-sum.sh")]);
    }

    /// <summary>The PIDs the 4 ranks printed, once all have; fails with the job's output otherwise.</summary>
    private async Task<List<int>> WaitForRanksAsync(string id)
    {
        var path = Path.Combine(W.WorkDirectory, $"mpi-sum.o{id}");
        var pids = new List<int>();
        await W.WaitForAsync(async () =>
        {
            var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
            pids = [.. RankLine().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
            return pids.Count == 4 || (await W.JobAsync(id)).State.IsFinished();
        }, TimeSpan.FromSeconds(90), $"the 4 ranks of job {id} to print their PIDs");
        Assert.True(pids.Count == 4, $"job {id} printed {pids.Count} ranks: {(File.Exists(path) ? await File.ReadAllTextAsync(path) : "")}");
        return pids;
    }

    [GeneratedRegex(@"resources_used\.cput = (\S+)")]
    private static partial Regex CputLine();

    [GeneratedRegex(@"^rank \d of 4 on \S+ \(node \S+\) pid (\d+)$", RegexOptions.Multiline)]
    private static partial Regex RankLine();
}
