using System.Globalization;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>Real jobs from jobs/ on a real 3-rank world: output, environment, exit codes, arrays, limits, qdel, drain.</summary>
[Collection("World")]
public sealed class ExecutionTests(ThreeNodeWorld fixture) : IClassFixture<ThreeNodeWorld>
{
    private WorldServer W => fixture.World;

    [Fact]
    public async Task Job_RunsWithOutputFileAndEnvironment()
    {
        var id = await W.QsubAsync(Repository.Jobs("env.sh"));

        var job = await W.WaitFinishedAsync(id);

        Assert.Equal(JobState.Completed, job.State);
        var output = File.ReadAllText(Path.Combine(W.WorkDirectory, $"env.o{id}"));
        var env = output.Split('\n').Where(l => l.Contains('=', StringComparison.Ordinal)).ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var node = job.Tasks[0].Node!.ToString();
        Assert.Equal(id, env["OMB_JOB_ID"]);
        Assert.Equal(id, env["PBS_JOBID"]);
        Assert.Equal("env", env["PBS_JOBNAME"]);
        Assert.Equal(W.WorkDirectory, env["PBS_O_WORKDIR"]);
        Assert.Equal(W.WorkDirectory, env["PWD"]);
        Assert.Equal("batch", env["PBS_QUEUE"]);
        Assert.Equal(node, env["OMB_NODE"]);
        Assert.Equal((int.Parse(node[4..], CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture), env["OMB_RANK"]);
        Assert.Equal("0", env["OMB_RESTART_COUNT"]);
        Assert.Equal(node, env["NODEFILE"].Trim());
        Assert.Equal("yes", env["CHECKPOINT_DIR_EXISTS"]);
        Assert.NotNull(job.Tasks[0].StartTime);
        Assert.NotNull(job.Tasks[0].EndTime);
        Assert.True(job.Tasks[0].StartTime >= job.Tasks[0].DispatchTime);

        var full = await W.Omb.RunAsync("qstat", "-f", id);
        Assert.Contains("job_state = C", full.Stdout, StringComparison.Ordinal);
        Assert.Contains("exit_status = 0", full.Stdout, StringComparison.Ordinal);
        Assert.Contains("exec_host = " + node, full.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitStatus_Propagates_AndNonZeroFails()
    {
        var id = await W.QsubAsync("-N", "three", "--", "/bin/sh", "-c", "echo out; echo err >&2; exit 3");

        var job = await W.WaitFinishedAsync(id);

        Assert.Equal((JobState.Failed, 3), (job.State, job.ExitStatus));
        Assert.Equal("out\n", File.ReadAllText(Path.Combine(W.WorkDirectory, $"three.o{id}")));
        Assert.Equal("err\n", File.ReadAllText(Path.Combine(W.WorkDirectory, $"three.e{id}")));
        var full = await W.Omb.RunAsync("qstat", "-f", id);
        Assert.Contains("job_state = F", full.Stdout, StringComparison.Ordinal);
        Assert.Contains("exit_status = 3", full.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Array_SpreadsOverNodes_AndEveryElementWritesItsOwnFile()
    {
        var id = await W.QsubAsync("-t", "1-6", "-l", "walltime=00:01:00", "--", "/bin/sh", "-c", "sleep 2; echo element $PBS_ARRAYID");

        var job = await W.WaitFinishedAsync(id);

        Assert.Equal(JobState.Completed, job.State);
        Assert.Equal(3, job.Tasks.Select(t => t.Node).Distinct().Count());
        var number = id.TrimEnd('[', ']');
        foreach (var i in Enumerable.Range(1, 6))
        {
            Assert.Equal($"element {i}\n", File.ReadAllText(Path.Combine(W.WorkDirectory, $"sh.o{number}-{i}")));
        }
    }

    [Fact]
    public async Task Walltime_KillsTheTask_WithTheReason()
    {
        var id = await W.QsubAsync("-N", "slow", "-l", "walltime=00:00:02", "--", "/bin/sleep", "60");

        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(40));

        Assert.Equal(JobState.Failed, job.State);
        Assert.StartsWith("walltime", job.Tasks[0].Reason, StringComparison.Ordinal);
        Assert.InRange(job.Tasks[0].EndTime!.Value - job.Tasks[0].StartTime!.Value, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Memory_OverRequest_KillsTheTask_WithTheReason()
    {
        // The shell keeps 150 MiB in a variable and then sleeps holding it.
        var id = await W.QsubAsync("-N", "hog", "-l", "mem=64mb,walltime=00:01:00", "--", "/bin/sh", "-c", "x=$(head -c 150m /dev/zero | tr '\\0' a); sleep 30");

        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(50));

        Assert.Equal(JobState.Failed, job.State);
        Assert.StartsWith("memory", job.Tasks[0].Reason, StringComparison.Ordinal);
        Assert.Contains("exceeded limit 64 MiB", job.Tasks[0].Reason, StringComparison.Ordinal);
        Assert.True(job.Tasks[0].PeakRssBytes > 64L << 20, $"peak RSS {job.Tasks[0].PeakRssBytes}");
    }

    [Fact]
    public async Task Qdel_OfARunningJob_KillsItsWholeProcessTree()
    {
        var pids = Path.Combine(W.WorkDirectory, "tree.pids");
        var id = await W.QsubAsync("-N", "tree", "-l", "walltime=00:02:00", "--", "/bin/sh", "-c", $"sleep 300 & echo $! > {pids}.tmp; echo $$ >> {pids}.tmp; mv {pids}.tmp {pids}; wait");
        await W.WaitForAsync(() => Task.FromResult(File.Exists(pids)), TimeSpan.FromSeconds(30), "the job to start its children");
        var processes = File.ReadAllLines(pids).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        Assert.All(processes, p => Assert.True(Directory.Exists($"/proc/{p}"), $"pid {p} should be running"));

        var r = await W.Omb.RunAsync("qdel", id);

        Assert.Equal(0, r.ExitCode);
        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));
        Assert.Equal(JobState.Deleted, job.State);
        await W.WaitForAsync(() => Task.FromResult(processes.All(p => !ProcStat.IsAlive(p))), TimeSpan.FromSeconds(15), "the task's processes to be gone");
    }

    [Fact]
    public async Task Offline_DrainsANode_UntilCleared()
    {
        var r = await W.Omb.RunAsync("pbsnodes", "-o", "node1", "-C", "disk check");
        Assert.Equal(0, r.ExitCode);
        try
        {
            var listed = await W.Omb.RunAsync("pbsnodes", "-l");
            Assert.Contains("node1", listed.Stdout, StringComparison.Ordinal);
            Assert.Contains("offline", listed.Stdout, StringComparison.Ordinal);
            Assert.Contains("disk check", listed.Stdout, StringComparison.Ordinal);

            var id = await W.QsubAsync("-t", "1-4", "-l", "walltime=00:01:00", "--", "/bin/sleep", "1");
            var job = await W.WaitFinishedAsync(id);

            Assert.Equal(JobState.Completed, job.State);
            Assert.DoesNotContain(job.Tasks, t => t.Node?.ToString() == "node1");
        }
        finally
        {
            await W.Omb.RunAsync("pbsnodes", "-c", "node1");
        }

        Assert.Equal(NodeState.Free, (await W.NodesAsync()).Single(n => n.Node.Name == "node1").Node.State);
    }

    [Fact]
    public async Task Placement_ThreeGibTask_GoesToTheOnlyNodeWithThreeGibFree()
    {
        await W.WaitForAsync(async () => (await W.NodesAsync()).All(n => n.Node.AllocatedCpus == 0), TimeSpan.FromSeconds(60), "an idle world");
        var a = await W.QsubAsync("-l", "mem=2gb,walltime=00:01:00", "--", "/bin/sleep", "20");
        var b = await W.QsubAsync("-l", "mem=2gb,walltime=00:01:00", "--", "/bin/sleep", "20");
        await W.WaitForAsync(async () => (await W.JobAsync(a)).Tasks[0].Node?.ToString() is not null && (await W.JobAsync(b)).Tasks[0].Node?.ToString() is not null, TimeSpan.FromSeconds(30), "the 2 GiB jobs to start");
        var used = new[] { (await W.JobAsync(a)).Tasks[0].Node?.ToString(), (await W.JobAsync(b)).Tasks[0].Node?.ToString() };
        var free = (await W.NodesAsync()).Where(n => n.Node.FreeMemoryBytes >= 3L << 30).Select(n => n.Node.Name).ToList();

        var big = await W.QsubAsync("-l", "mem=3gb,walltime=00:01:00", "--", "/bin/true");
        var job = await W.WaitFinishedAsync(big);

        Assert.Single(free);
        Assert.DoesNotContain(free[0], used);
        Assert.Equal(free[0], job.Tasks[0].Node?.ToString());
        Assert.Equal(JobState.Completed, job.State);
        await W.Omb.RunAsync("qdel", a, b);
    }

    [Fact]
    public async Task Submission_LargerThanEveryNode_IsRefusedNamingTheLargest()
    {
        var r = await W.Omb.RunInAsync(W.WorkDirectory, null, "qsub", "-l", "mem=5gb", "--", "/bin/true");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("4gb", r.Stderr.Replace("4 GiB", "4gb", StringComparison.Ordinal).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }
}
