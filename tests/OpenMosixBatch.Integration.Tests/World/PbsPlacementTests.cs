using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// GPUs, node properties, host lists and place= on a real 3-rank world whose cluster.json declares them (issue 21):
/// CUDA_VISIBLE_DEVICES names devices no other job holds, also across a server crash; properties, hosts, pack and
/// scatter steer placement; requests no node can meet are refused at qsub naming what the nodes have.
/// </summary>
[Collection("World")]
public sealed class PbsPlacementTests(GpuPropertyWorld fixture) : IClassFixture<GpuPropertyWorld>
{
    private WorldServer W => fixture.World;

    [Fact]
    public async Task Gpus_TwoJobsGetDifferentDevices_EvenAfterTheServerIsKilledBetweenThem()
    {
        var first = await W.QsubAsync("-N", "gpu1", "-l", "select=1:ncpus=1:ngpus=1", "--", "/bin/sh", "-c", "echo \"CUDA=$CUDA_VISIBLE_DEVICES\"; sleep 60");
        Job? running = null;
        await W.WaitForAsync(async () => (running = await W.JobAsync(first)).Tasks[0].StartTime is not null, TimeSpan.FromSeconds(60), $"GPU job {first} to start");
        var held = Assert.Single(running!.Tasks[0].GpuDevices);
        Assert.Equal("node1", held.Node?.ToString());

        // The assignment is the store's: a new server must not hand the held device out again.
        await W.KillServerAndStartAnotherAsync();
        var second = await W.QsubAsync("-N", "gpu2", "-l", "select=1:ncpus=1:ngpus=1", "--", "/bin/sh", "-c", "echo \"CUDA=$CUDA_VISIBLE_DEVICES\"");
        var done = await W.WaitFinishedAsync(second, TimeSpan.FromSeconds(90));

        Assert.Equal(JobState.Completed, done.State);
        var other = Assert.Single(done.Tasks[0].GpuDevices);
        Assert.Equal(("node1", 1 - held.Index), (other.Node, other.Index));
        Assert.Equal($"CUDA={other.Index}\n", await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"gpu2.o{second}")));
        var full = await W.Omb.RunAsync("qstat", "-f", first);
        Assert.Contains($"exec_gpus = node1:{held.Index}", full.Stdout, StringComparison.Ordinal);
        Assert.Contains("Resource_List.select = 1:ncpus=1:ngpus=1", full.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await W.Omb.RunAsync("qdel", first)).ExitCode);
        await W.WaitFinishedAsync(first);
        Assert.Equal($"CUDA={held.Index}\n", await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"gpu1.o{first}")));
    }

    [Theory]
    [InlineData("nodes=1:ppn=1:bigmem", "node3")]
    [InlineData("select=1:ncpus=1:ib=true", "node1")]
    [InlineData("nodes=node2:ppn=1+node3:ppn=1", "node2,node3")]
    public async Task PropertyOrHost_SteersPlacement(string resources, string nodes)
    {
        var id = await W.QsubAsync("-N", "steer", "-l", resources, "--", "/bin/sh", "-c", "sort \"$PBS_NODEFILE\" | uniq | tr '\\n' ' '");

        var job = await W.WaitFinishedAsync(id);

        Assert.Equal(JobState.Completed, job.State);
        Assert.Equal(nodes, job.Tasks[0].Node?.ToString());
        Assert.Equal(nodes.Replace(',', ' ') + " ", await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"steer.o{id}")));
    }

    [Theory]
    [InlineData("select=1:ncpus=2:mpiprocs=2:mem=2gb+2:ncpus=1:mem=512mb", "1:ncpus=2:mpiprocs=2:mem=2gb+2:ncpus=1:mem=512mb", new[] { 2, 1, 1 })]
    [InlineData("nodes=1:ppn=2+1:ppn=1", "1:ncpus=2+1:ncpus=1", new[] { 2, 1 })]
    public async Task MixedChunkShapes_RunWithEachChunksHostListedByItsOwnRanks(string resources, string select, int[] ranks)
    {
        var id = await W.QsubAsync("-N", "mixed", "-l", resources, "--", "/bin/sh", "-c", "tr '\\n' ' ' < \"$PBS_NODEFILE\"; echo \"NCPUS=$NCPUS\"");

        var job = await W.WaitFinishedAsync(id);

        Assert.Equal(JobState.Completed, job.State);
        var nodes = job.Tasks[0].Node!;
        Assert.Equal(ranks.Length, nodes.Count);
        var expected = string.Concat(nodes.Select((n, i) => string.Concat(Enumerable.Repeat(n + " ", ranks[i]))));
        Assert.Equal(expected + "NCPUS=2\n", await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"mixed.o{id}")));
        var full = (await W.Omb.RunAsync("qstat", "-f", id)).Stdout;
        // Each kind as given; a kind that named no memory shows the queue's default (:mem=…), as a select of one shape does.
        var shown = full.Split('\n').Single(l => l.StartsWith("    Resource_List.select = ", StringComparison.Ordinal))["    Resource_List.select = ".Length..];
        Assert.Equal(select, select.Contains(":mem=", StringComparison.Ordinal) ? shown : System.Text.RegularExpressions.Regex.Replace(shown, ":mem=[^:+]+", ""));
        Assert.Contains($"Resource_List.nodect = {ranks.Length}\n", full, StringComparison.Ordinal);
        Assert.Contains($"Resource_List.ncpus = {2 + ranks.Length - 1}\n", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MixedChunkShapes_ThatNeverFitTogether_AreRefusedAtQsub()
    {
        // Each 2-CPU chunk fills a node, so the three of them and a fourth of one CPU can never run at once on three nodes.
        var r = await W.Omb.RunInAsync(W.WorkDirectory, null, ["qsub", "-l", "select=3:ncpus=2+1:ncpus=1", "--", "/bin/true"]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the whole cluster can never hold these chunks at once", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qsub_JobOverTheCpuThresholdOnTheWholeCluster_IsRefusedNamingTheLimit_AndNothingIsQueued()
    {
        // All 6 CPUs of the 3 nodes: at the default 90% threshold the idle cluster would never start it.
        var before = (await ServerFixture.AllJobsAsync(W.Omb)).Select(j => j.Id).ToList();

        var r = await W.Omb.RunInAsync(W.WorkDirectory, null, ["qsub", "-l", "select=6:ncpus=1", "--", "/bin/true"]);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("asks for 6 of the cluster's 6 CPUs (100%), and queue batch starts a job only while cluster CPU stays at or under 90%", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("ask for at most 5 CPUs", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, (await ServerFixture.AllJobsAsync(W.Omb)).Select(j => j.Id));
    }

    [Fact]
    public async Task Place_PackPutsChunksOnOneNode_ScatterOnDifferentOnes()
    {
        var packed = await W.QsubAsync("-l", "select=2:ncpus=1", "-l", "place=pack", "--", "/bin/true");
        var scattered = await W.QsubAsync("-l", "select=2:ncpus=1", "-l", "place=scatter:excl", "--", "/bin/true");

        var pack = await W.WaitFinishedAsync(packed);
        var scatter = await W.WaitFinishedAsync(scattered);

        Assert.Single(pack.Tasks[0].Node!.Distinct());
        Assert.Equal(2, scatter.Tasks[0].Node!.Distinct().Count);
        Assert.Contains("Resource_List.place = scatter:excl", (await W.Omb.RunAsync("qstat", "-f", scattered)).Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nodes=1:ppn=1:k80", "no node has the property k80: the nodes' properties are bigmem, ib")]
    [InlineData("select=1:ncpus=1:ngpus=3", "the largest node is node1 with 2 CPUs, 4 GiB and 2 GPUs")]
    [InlineData("nodes=node9:ppn=1", "no node is named node9")]
    [InlineData("select=4:ncpus=1,place=scatter", "place=scatter puts each chunk on a node of its own, and only 3")]
    public async Task Qsub_RequestNoNodeCanMeet_IsRefusedNamingWhatTheNodesHave(string resources, string message)
    {
        var r = await W.Omb.RunInAsync(W.WorkDirectory, null, ["qsub", "-l", resources, "--", "/bin/true"]);

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pbsnodes_ShowsGpusAndProperties()
    {
        var r = await W.Omb.RunAsync("pbsnodes", "-a");

        Assert.Contains("gpus = 0/2", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("properties = ib", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("properties = bigmem", r.Stdout, StringComparison.Ordinal);
    }
}
