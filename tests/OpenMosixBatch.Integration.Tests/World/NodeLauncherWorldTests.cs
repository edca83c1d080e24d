using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// A real world with Omb:World:NodeLauncher: each node's tasks are started and held by one long-lived
/// omb-shepherd --launcher, not a shepherd per task. Exit status, output files, qdel of the whole group, and no
/// launcher left once the world stops.
/// </summary>
[Collection("World")]
public sealed class NodeLauncherWorldTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string> Environment => new()
    {
        ["Omb__Security__AllowRootJobs"] = "true",
        ["Omb__Admission__Utilization"] = "allocated",
        ["Omb__Admission__CpuThreshold"] = "100",
        ["Omb__World__NodeLauncher"] = "true",
    };

    [Fact]
    public async Task Jobs_RunThroughTheNodesLauncher_WithTheirExitStatusAndFiles_QdelEndsTheGroup_AndNothingIsLeft()
    {
        int launcher;
        await using (var w = await WorldServer.StartWithEnvironmentAsync(1, Environment))
        {
            var done = await w.QsubAsync("-N", "said", "--", "/bin/sh", "-c", "echo to out; echo to err >&2; exit 3");
            var spin = await w.QsubAsync("-N", "spin", "--", "/bin/sh", "-c", "sleep 300 & while :; do sleep 0.2; done");

            var ended = await w.WaitFinishedAsync(done);
            Assert.Equal((JobState.Failed, 3), (ended.State, ended.ExitStatus));
            Assert.Equal("to out\n", await File.ReadAllTextAsync(Path.Combine(w.WorkDirectory, $"said.o{done}")));
            Assert.Equal("to err\n", await File.ReadAllTextAsync(Path.Combine(w.WorkDirectory, $"said.e{done}")));

            Job? job = null;
            await w.WaitForAsync(async () => (job = await w.JobAsync(spin)).Tasks[0].SessionId is not null, Wait, "the spinning job to start");
            var session = job!.Tasks[0].SessionId!.Value;
            launcher = ProcStat.ParentOf(session);
            var command = (await File.ReadAllTextAsync($"/proc/{launcher}/cmdline")).Split('\0');
            Assert.True(command.Contains("--launcher"), $"the job's parent is no node launcher: {string.Join(' ', command)}");

            Assert.Equal(0, (await w.Omb.RunAsync("qdel", spin)).ExitCode);
            await w.WaitFinishedAsync(spin);
            await w.WaitForAsync(() => Task.FromResult(!InGroup(session).Any()), Wait,
                $"process group {session} (the job and its background sleep) to end");
            Assert.True(ProcStat.IsAlive(launcher), "the launcher ended with a task it held, while its rank runs");
        }

        // The world stopped: the launcher holds nothing and no rank is connected, so it ends.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (ProcStat.IsAlive(launcher) && waited.Elapsed < Wait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        Assert.False(ProcStat.IsAlive(launcher), $"the node launcher {launcher} still runs after its world stopped");
    }

    /// <summary>The live processes whose process group is <paramref name="group"/>.</summary>
    private static IEnumerable<int> InGroup(int group) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && GroupOf(pid) == group && ProcStat.IsAlive(pid));

    private static int GroupOf(int pid)
    {
        try
        {
            return OpenMosixBatch.Core.Execution.ProcessStatParser.Parse(File.ReadAllText($"/proc/{pid}/stat")).ProcessGroup;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
