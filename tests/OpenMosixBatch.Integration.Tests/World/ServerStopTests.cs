using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// The server is stopped (SIGTERM) while its world runs a task: the ranks end the task as the server's stop orders
/// (a typed kill, reported as lost, not as an end that would fail it), and it runs again to its end.
/// </summary>
[Collection("World")]
public sealed class ServerStopTests
{
    private const string Script = """
        #!/bin/bash
        #PBS -l nodes=1:ppn=1,mem=16mb,walltime=00:05:00
        # Records every start; the first run waits for the stop, the second ends at once.
        runs="$PBS_O_WORKDIR/runs-$PBS_JOBID"
        echo "$PBS_JOBID $$" >> "$runs"
        [ "$(wc -l < "$runs")" -gt 1 ] || sleep 120
        echo done
        """;

    [Fact]
    public async Task Stop_OfTheServerWhileATaskRuns_EndsItAsLost_NotFailed_AndItRunsAgainToItsEnd()
    {
        await using var w = await WorldServer.StartAsync(1);
        var script = Path.Combine(w.WorkDirectory, "wait.sh");
        await File.WriteAllTextAsync(script, Script.Replace("\r", "", StringComparison.Ordinal));
        var id = await w.QsubAsync(script);
        await w.WaitForAsync(async () => await w.JobAsync(id) is { State: JobState.Running } j && j.Tasks[0].SessionId is not null,
            TimeSpan.FromSeconds(60), $"job {id} to run");

        await w.StopServerAndStartAnotherAsync();

        var job = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
        Assert.True(job.State == JobState.Completed && job.Tasks[0].ExitStatus == 0,
            $"job {id}: {job.State}, exit {job.Tasks[0].ExitStatus} ({job.Tasks[0].Reason})\n{w.Server.Output}");
        var runs = File.ReadAllLines(Path.Combine(w.WorkDirectory, $"runs-{id}"));
        var trace = await w.Omb.RunAsync("tracejob", id);
        // The stop's kill ended the first run as lost (requeued by the rank's report, or by the world's loss if that
        // comes first), never as an end that fails the job; the stopping server dispatches nothing more into its world.
        Assert.True(runs.Length == 2, $"job {id} ran {runs.Length} times: {string.Join(" | ", runs)}\n{trace.Stdout}");
        Assert.True(!trace.Stdout.Contains(" failed ", StringComparison.Ordinal) && trace.Stdout.Contains(" requeued ", StringComparison.Ordinal), trace.Stdout);
    }
}
