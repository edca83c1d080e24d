using System.Globalization;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// The server supervises its world: a killed rank takes the world down and the server relaunches it, and the tasks
/// outlive their ranks (issue 16, test b): each is adopted by the new world's rank on its node, keeps its PID and
/// run_count 1, and one that ended while no rank ran is reported with its real exit status.
/// </summary>
[Collection("World")]
public sealed class SupervisionTests
{
    // Records every start (a rerun shows), waits for its go file, says which run it is and exits with $2.
    private const string Script = """
        #!/bin/sh
        echo "$PBS_JOBID $$" >> "$PBS_O_WORKDIR/runs-$PBS_JOBID"
        while [ ! -e "$PBS_O_WORKDIR/$1" ]; do sleep 0.1; done
        echo "done $1 restart $OMB_RESTART_COUNT"
        exit "$2"
        """;

    [Fact]
    public async Task KilledRank_WorldIsRelaunched_AndItsTasksFinishUntouched_WithTheExitStatusOfOneThatEndedMeanwhile()
    {
        await using var w = await WorldServer.StartAsync(3);
        var script = Path.Combine(w.WorkDirectory, "wait.sh");
        await File.WriteAllTextAsync(script, Script.Replace("\r", "", StringComparison.Ordinal));
        var early = await w.QsubAsync("-N", "early", "-l", "walltime=00:05:00", script, "early", "3");
        var late = new[] { await w.QsubAsync("-N", "late", "-l", "walltime=00:05:00", script, "late", "0"), await w.QsubAsync("-N", "late", "-l", "walltime=00:05:00", script, "late", "0") };
        var sessions = new Dictionary<string, int>();
        foreach (var id in late.Prepend(early))
        {
            Job? job = null;
            await w.WaitForAsync(async () => (job = await w.JobAsync(id)).Tasks[0].SessionId is not null, TimeSpan.FromSeconds(60), $"job {id} to start");
            sessions[id] = job!.Tasks[0].SessionId!.Value;
        }

        var world = w.WorldPid();
        var rank = ProcStat.RankOf(sessions[early]);
        Assert.Contains("omb-node", File.ReadAllText($"/proc/{rank}/cmdline"), StringComparison.Ordinal);

        // The rank dies, and the task on its node ends before any rank runs there again (the relaunch waits 1 s).
        await ChildProcess.RunAsync("/bin/kill", ["-KILL", rank.ToString(CultureInfo.InvariantCulture)]);
        await File.WriteAllTextAsync(Path.Combine(w.WorkDirectory, "early"), "");

        var ended = await w.WaitFinishedAsync(early, TimeSpan.FromSeconds(90));
        var log = () => $"\nserver:\n{w.Server.Output}\nworld.log:\n{File.ReadAllText(Path.Combine(w.Home, "world.log"))}";
        Assert.True(ended.Tasks[0].ExitStatus == 3 && ended.Tasks[0].Requeues == 0 && ended.Tasks[0].SessionId == sessions[early],
            $"early: {ended.State}, exit {ended.Tasks[0].ExitStatus}, requeues {ended.Tasks[0].Requeues}, session {ended.Tasks[0].SessionId}" + log());
        Assert.NotEqual(world, w.WorldPid());
        Assert.Contains("exited with status", w.Server.Output, StringComparison.Ordinal);
        // Its end was found in the spool by the new rank, not seen by the old one.
        Assert.Contains($"adopted {early}[0] (job pid {sessions[early]}) from an earlier rank: {AdoptionVerdict.ReportEnd}",
            File.ReadAllText(Path.Combine(w.Home, "world.log")), StringComparison.Ordinal);
        foreach (var id in late)
        {
            Assert.True(ProcStat.IsAlive(sessions[id]), $"job {id}'s task did not survive the relaunch" + log());
        }

        await File.WriteAllTextAsync(Path.Combine(w.WorkDirectory, "late"), "");
        foreach (var id in late.Prepend(early))
        {
            var job = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
            Assert.True(job.Tasks[0].Requeues == 0 && job.Tasks[0].SessionId == sessions[id], $"job {id} ran again: {job.Tasks[0].Requeues} requeue(s)" + log());
            Assert.Equal(id == early ? 3 : 0, job.Tasks[0].ExitStatus);
            var runs = File.ReadAllLines(Path.Combine(w.WorkDirectory, $"runs-{id}"));
            Assert.True(runs.Length == 1, $"job {id} ran {runs.Length} times: {string.Join(" | ", runs)}");
            var full = await w.Omb.RunAsync("qstat", "-f", id);
            Assert.Contains("run_count = 1", full.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal("done late restart 0\n", File.ReadAllText(Path.Combine(w.WorkDirectory, $"late.o{late[0]}")));
        Assert.Equal("done early restart 0\n", File.ReadAllText(Path.Combine(w.WorkDirectory, $"early.o{early}")));
    }
}
