using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

// No part of a job survives its rank nor goes over the job's memory on its node: a part of a rank killed with -9 is
// ended (and accounted) by the next world's rank of its node, and a rank over mem per chunk is killed with the reason.
public sealed partial class RemoteStartTests
{
    [Fact]
    public async Task MpiExample_ARankOverTheJobsMemoryOnItsNode_IsKilledWithTheReason_AndFailsMpiexecAndTheJob()
    {
        // Rank 1 runs on the second node (the host file lists the first node first), where it holds 200 MiB of 128.
        await File.WriteAllTextAsync(Path.Combine(W.WorkDirectory, "hog.sh"), """
            #!/bin/sh
            [ "$PMI_RANK" = 1 ] && exec perl -e 'my $x = ""; vec($x, (200 << 20) - 1, 8) = 1; sleep 60'
            sleep 60

            """);
        var script = Path.Combine(W.WorkDirectory, "memhog.sh");
        await File.WriteAllTextAsync(script, """
            #!/bin/sh
            #PBS -N memhog
            #PBS -l select=2:ncpus=1:mem=128mb
            #PBS -l walltime=00:00:50
            mpiexec sh ./hog.sh

            """);
        var clock = Stopwatch.StartNew();

        var id = await W.QsubAsync(script);
        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(60));

        var errors = await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"memhog.e{id}"));
        var second = job.Tasks[0].Node![1];
        Assert.True(job.State == JobState.Failed && job.Tasks[0].ExitStatus != 0, $"job {id} ended {job.State} ({job.Tasks[0].ExitStatus}): {errors}");
        Assert.Matches($"omb rsh: {second}: memory \\d+ MiB of the job's processes on this node exceeded limit 128 MiB", errors);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"job {id} ran {clock.Elapsed} (its ranks sleep 60 s): {job.Tasks[0].Reason}");
        await W.WaitForAsync(() => Task.FromResult(JobProcesses.Of(id).Count == 0), TimeSpan.FromSeconds(30), $"every process of job {id} to end");
    }

    [Fact]
    public async Task KilledRank_ItsPartsOfALongMpiRun_AreEndedAndAccountedByTheNextWorld_AndNoProcessOfTheJobIsLeft()
    {
        var id = await SubmitMpiSumAsync("-v", "MPI_SUM_SPIN=300");
        var ranks = await WaitForRanksAsync(id);
        var session = (await W.JobAsync(id)).Tasks[0].SessionId!.Value;
        var firstNodesRank = ProcStat.RankOf(session);
        var secondNodesRank = ranks.Select(JobProcesses.RankAbove).First(r => r != firstNodesRank);

        await ChildProcess.RunAsync("/bin/kill", ["-KILL", secondNodesRank.ToString(CultureInfo.InvariantCulture)]);

        // The world goes down with its rank; the next world's ranks end the parts (the MPI ranks with them), so mpiexec
        // fails and the job ends long before its 300 s of work.
        var log = () => $"\nworld.log:\n{string.Join('\n', File.ReadAllLines(Path.Combine(W.Home, "world.log")).TakeLast(40))}";
        await W.WaitForAsync(() => Task.FromResult(JobProcesses.Of(id).Count == 0), TimeSpan.FromSeconds(90), $"every process of job {id} to end" + log());
        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(60));
        Assert.True(job.State == JobState.Failed, $"job {id} ended {job.State}" + log());
        Assert.Contains("part(s) of jobs (omb rsh) an earlier rank left", File.ReadAllText(Path.Combine(W.Home, "world.log")), StringComparison.Ordinal);
        // The ended parts still count: each node's busy ranks ran a while before the kill.
        var task = job.Tasks[0];
        Assert.Equal(task.Node!.Order(), task.PartUsage.Select(u => u.Node).Order());
        Assert.All(task.PartUsage, u => Assert.True(u.CpuTime > TimeSpan.Zero, $"{u.Node}'s parts used {u.CpuTime}" + log()));
    }
}
