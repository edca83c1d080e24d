using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// The server is killed (kill -9) while its world runs tasks: the tasks keep running, the next server adopts the world
/// instead of launching another, and its records match what ran — each job exactly once, including the one that ended
/// while no server was there.
/// </summary>
[Collection("World")]
public sealed class ServerKillTests
{
    private const string Script = """
        #!/bin/bash
        #PBS -l nodes=1:ppn=1,mem=16mb,walltime=00:05:00
        # Records every start, so a second run shows.
        echo "$PBS_JOBID $$" >> "$PBS_O_WORKDIR/runs-$PBS_JOBID"
        sleep "$1"
        echo slept "$1"
        """;

    [Fact]
    public async Task KillNine_OfTheServer_LeavesTheTasksRunning_AndTheNextServerAdoptsTheWorldAndRecordsWhatRan()
    {
        await using var w = await WorldServer.StartAsync(2);
        var script = Path.Combine(w.WorkDirectory, "nap.sh");
        await File.WriteAllTextAsync(script, Script.Replace("\r", "", StringComparison.Ordinal));
        var world = w.WorldPid();
        Assert.True(world > 0, "the server recorded no world in world.json");

        // One job runs across the outage; the other ends while no server listens.
        var longer = await w.QsubAsync(script, "20");
        var shorter = await w.QsubAsync(script, "3");
        var sessions = new Dictionary<string, int>();
        foreach (var id in new[] { longer, shorter })
        {
            Job? job = null;
            await w.WaitForAsync(async () => (job = await w.JobAsync(id)) is { State: JobState.Running } j && j.Tasks[0].SessionId is not null,
                TimeSpan.FromSeconds(60), $"job {id} to run");
            sessions[id] = job!.Tasks[0].SessionId!.Value;
        }

        await w.KillServerAndStartAnotherAsync();

        Assert.True(ProcStat.IsAlive(world), "the world died with the server");
        Assert.Equal(world, w.WorldPid());
        Assert.Contains("adopted world", w.Server.Output, StringComparison.Ordinal);
        foreach (var id in new[] { longer, shorter })
        {
            var job = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
            Assert.True(job.State == JobState.Completed && job.Tasks[0].ExitStatus == 0, $"job {id}: {job.State}, exit {job.Tasks[0].ExitStatus}\n{w.Server.Output}");
            Assert.True(sessions[id] == job.Tasks[0].SessionId, $"job {id} ran again (session {sessions[id]}, then {job.Tasks[0].SessionId}):\n{w.Server.Output}\nworld.log:\n{File.ReadAllText(Path.Combine(w.Home, "world.log"))}");
            var runs = File.ReadAllLines(Path.Combine(w.WorkDirectory, $"runs-{id}"));
            Assert.True(runs.Length == 1, $"job {id} ran {runs.Length} times: {string.Join(" | ", runs)}");
            Assert.Equal(sessions[id].ToString(CultureInfo.InvariantCulture), runs[0].Split(' ')[1]);
        }

        Assert.True(ProcStat.IsAlive(world), "the adopted world stopped after its tasks");
    }
}
