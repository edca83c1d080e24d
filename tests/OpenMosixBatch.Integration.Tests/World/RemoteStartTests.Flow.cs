using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

// omb rsh's output is flow-controlled end to end (Core's PartOutputWindow): a reader that stalls slows its part instead
// of losing output, and a reader that vanishes leaves its part waiting, not its node's rank.
public sealed partial class RemoteStartTests
{
    [Fact]
    public async Task Rsh_AStalledReader_LosesNoByteOfFarMoreThanTheServersBound_AndAVanishedReaderWedgesNothing()
    {
        var script = Path.Combine(W.WorkDirectory, "rshflow.sh");
        await File.WriteAllTextAsync(script, """
            #!/bin/bash
            #PBS -N rshflow
            #PBS -l nodes=2:ppn=1,walltime=00:01:30
            other=$(sort -u "$PBS_NODEFILE" | grep -vx "$OMB_NODE" | head -n 1)
            # 15 MB of stdout while its reader reads nothing for 8 s: at the relay's pace the server would have held far
            # more than its 8 MiB bound of it.
            echo "start=$(date +%s.%N)" >&2
            "$HYDRA_LAUNCHER_EXEC" "$other" 'seq 1 2000000' | { sleep 8; sha256sum; } > got
            echo "got=$(cut -d' ' -f1 got)"
            echo "seq-done=$(date +%s.%N)" >&2
            echo "want=$(seq 1 2000000 | sha256sum | cut -d' ' -f1)"
            # A reader killed while its part floods: the part waits on its full window; the node's rank still serves.
            "$HYDRA_LAUNCHER_EXEC" "$other" 'exec yes' > /dev/null &
            sleep 2
            kill -9 $!
            echo "killed=$(date +%s.%N) $(ps -o pid,args --ppid $$)" >&2
            echo "after=$("$HYDRA_LAUNCHER_EXEC" "$other" 'echo $OMB_NODE') other=$other"

            """);

        var id = await W.QsubAsync(script);
        var log = () => $"\nworld.log:\n{string.Join('\n', File.ReadAllLines(Path.Combine(W.Home, "world.log")).TakeLast(60))}";
        Job job;
        try
        {
            job = await W.WaitFinishedAsync(id, TimeSpan.FromSeconds(100));
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}{log()}");
        }

        var output = await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"rshflow.o{id}"));
        var errors = await File.ReadAllTextAsync(Path.Combine(W.WorkDirectory, $"rshflow.e{id}"));
        Assert.True(job.State == JobState.Completed, $"job {id} ended {job.State}: {output} {errors}");
        var want = System.Text.RegularExpressions.Regex.Match(output, "want=([0-9a-f]{64})").Groups[1].Value;
        Assert.Contains($"got={want}\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("dropped", errors, StringComparison.Ordinal);
        Assert.Matches("after=(node\\S+) other=\\1\n", output);
        // The job's end ends the part its vanished reader left.
        await W.WaitForAsync(() => Task.FromResult(JobProcesses.Of(id).Count == 0), TimeSpan.FromSeconds(30), $"every process of job {id} to end");
    }
}
