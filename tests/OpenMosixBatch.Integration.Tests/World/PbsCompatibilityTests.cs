using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>PBS Pro and Torque directives honoured on a real 3-rank world (issue 21): -S, mpiprocs/ompthreads, cput.</summary>
[Collection("World")]
public sealed class PbsCompatibilityTests(ThreeNodeWorld fixture) : IClassFixture<ThreeNodeWorld>
{
    private WorldServer W => fixture.World;

    [Fact]
    public async Task Script_ShellFromS_AndMpiprocsOmpthreads_ReachTheTask()
    {
        var script = Path.Combine(W.WorkDirectory, "hybrid.sh");
        await File.WriteAllTextAsync(script, """
            #!/bin/sh
            #PBS -N hybrid   # a comment after the directive
            #PBS -S /bin/bash
            #PBS -l select=1:ncpus=2:mpiprocs=2:ompthreads=1,\
            #PBS    walltime=00:01:00
            echo "BASH=${BASH_VERSION:+yes}"
            echo "OMP=$OMP_NUM_THREADS NCPUS=$NCPUS LINES=$(wc -l < "$PBS_NODEFILE")"

            """);

        var id = await W.QsubAsync(script);
        var job = await W.WaitFinishedAsync(id);

        Assert.Equal(JobState.Completed, job.State);
        var output = await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"hybrid.o{id}"));
        Assert.Contains("BASH=yes", output, StringComparison.Ordinal);
        Assert.Contains("OMP=1 NCPUS=2 LINES=2", output, StringComparison.Ordinal);
        var full = await W.Omb.RunAsync("qstat", "-f", id);
        Assert.Contains("Shell_Path_List = /bin/bash", full.Stdout, StringComparison.Ordinal);
        Assert.Contains("Resource_List.select = 1:ncpus=2:mpiprocs=2:ompthreads=1", full.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cput_KillsACpuBoundTask_WithTheReason()
    {
        var id = await W.QsubAsync("-N", "spin", "-l", "cput=00:00:02,walltime=00:01:00", "--", "/bin/sh", "-c", "while :; do :; done");

        var job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(50));

        Assert.Equal(JobState.Failed, job.State);
        Assert.StartsWith("cput", job.Tasks[0].Reason, StringComparison.Ordinal);
    }
}
