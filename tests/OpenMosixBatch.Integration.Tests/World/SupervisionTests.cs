using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>The server supervises its world: a killed rank takes the world down, the server relaunches it and reruns the task.</summary>
[Collection("World")]
public sealed class SupervisionTests
{
    [Fact]
    public async Task KilledRank_WorldIsRelaunched_AndTheRerunnableTaskCompletes()
    {
        await using var w = await WorldServer.StartAsync(3);
        var id = await w.QsubAsync("-N", "survivor", "-l", "walltime=00:01:00", "--", "/bin/sh", "-c", "sleep 3; echo done run $OMB_RESTART_COUNT");
        Job? running = null;
        await w.WaitForAsync(async () => (running = await w.JobAsync(id)).Tasks[0].SessionId is not null, TimeSpan.FromSeconds(30), "the task to start");
        var session = running!.Tasks[0].SessionId!.Value;
        var rank = ProcStat.RankOf(session);
        Assert.Contains("omb-node", File.ReadAllText($"/proc/{rank}/cmdline"), StringComparison.Ordinal);

        await ChildProcess.RunAsync("/bin/kill", ["-KILL", rank.ToString(CultureInfo.InvariantCulture)]);

        var job = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal(JobState.Completed, job.State);
        Assert.Equal(1, job.Tasks[0].Requeues);
        Assert.NotEqual(session, job.Tasks[0].SessionId);
        Assert.Equal("done run 0\n", File.ReadAllText(Path.Combine(w.WorkDirectory, $"survivor.o{id}")));
        Assert.False(ProcStat.IsAlive(session),
            "the first run's process group was ended by the relaunched rank");
        Assert.Contains("exited with status", w.Server.Output, StringComparison.Ordinal);
        var full = await w.Omb.RunAsync("qstat", "-f", id);
        Assert.Contains("run_count = 2", full.Stdout, StringComparison.Ordinal);
    }
}
