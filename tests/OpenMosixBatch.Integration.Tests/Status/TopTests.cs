using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Status;

/// <summary>
/// omb top in a real terminal: tmux (a server of its own, on its own socket, killed by that socket at the end) runs it
/// against a real server and world; capture-pane reads the screen, send-keys switches the bars and quits, and the
/// terminal is checked to be given back after q and after Ctrl-C. With stdout not a terminal it prints a plain frame.
/// </summary>
[Collection("World")]
public sealed class TopTests
{
    [Fact]
    public async Task OmbTop_ShowsNodesJobsAndKeys_InTmux_AndGivesTheTerminalBack()
    {
        await using var w = await WorldServer.StartAsync(2);
        var id = await w.QsubAsync("-l", "ncpus=1,walltime=00:05:00", "--", "/bin/sleep", "120");
        await w.WaitForAsync(async () => (await w.JobAsync(id)).State == JobState.Running, TimeSpan.FromSeconds(30), $"job {id} to run");
        var node = (await w.JobAsync(id)).Tasks[0].Node!.ToString();

        var plain = await w.Omb.RunAsync("top");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.DoesNotContain("\u001b", plain.Stdout, StringComparison.Ordinal);
        Assert.Contains("jobs: 0 queued, 0 held, 0 waiting, 1 running", plain.Stdout, StringComparison.Ordinal);
        Assert.Contains(plain.Stdout.Split('\n'), l => l.StartsWith(id + " ", StringComparison.Ordinal) && l.Contains(node, StringComparison.Ordinal));

        var socket = "omb-top-test-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            foreach (var key in new[] { "q", "C-c" })
            {
                var session = "top-" + key.Replace("-", "", StringComparison.Ordinal);
                // bash stays in the pane after omb top ends, so the terminal it leaves behind can be inspected.
                await TmuxAsync(socket, "new-session", "-d", "-s", session, "-x", "160", "-y", "50",
                    $"bash -c \"OMB_HOME='{w.Home}' '{Repository.OmbBinary}' top; echo omb-top-exit=\\$?; exec sleep 600\"");
                var screen = await WaitForScreenAsync(socket, session, s => s.Contains("omb top - ", StringComparison.Ordinal) && s.Contains(id + " ", StringComparison.Ordinal), "the first frame");
                Assert.Contains("LOAD/CPUS", screen, StringComparison.Ordinal);
                foreach (var n in (await w.NodesAsync()).Select(v => v.Node.Name))
                {
                    Assert.Contains(screen.Split('\n'), l => l.StartsWith(n + " ", StringComparison.Ordinal) && l.Contains('[', StringComparison.Ordinal));
                }

                Assert.Contains("1 running", screen, StringComparison.Ordinal);
                await TmuxAsync(socket, "send-keys", "-t", session, "m");
                await WaitForScreenAsync(socket, session, s => s.Contains("MEMORY", StringComparison.Ordinal), "the memory bars after 'm'");
                await TmuxAsync(socket, "send-keys", "-t", session, "s");
                await WaitForScreenAsync(socket, session, s => s.Contains("SPEED", StringComparison.Ordinal), "the speed bars after 's'");

                await TmuxAsync(socket, "send-keys", "-t", session, key);
                var after = await WaitForScreenAsync(socket, session, s => s.Contains("omb-top-exit=", StringComparison.Ordinal), $"omb top to end on {key}");
                Assert.Contains("omb-top-exit=0", after, StringComparison.Ordinal);
                Assert.DoesNotContain("omb top - ", after, StringComparison.Ordinal);
                Assert.Equal("off", (await TmuxAsync(socket, "display-message", "-p", "-t", session, "#{?alternate_on,on,off}")).Stdout.Trim());
                Assert.Equal("1", (await TmuxAsync(socket, "display-message", "-p", "-t", session, "#{cursor_flag}")).Stdout.Trim());
                // The session stays (kill-server below ends it): killing the last one makes the tmux server exit, and the
                // next new-session could reach it while it exits ("server exited unexpectedly").
            }
        }
        finally
        {
            await ChildProcess.RunAsync("tmux", ["-L", socket, "kill-server"]);
        }

        Assert.Equal(0, (await w.Omb.RunAsync("qdel", id)).ExitCode);
    }

    /// <summary>
    /// omb top over TCP with a token, against a world where a checkpointing job was really moved with omb migrate: the
    /// plain listing and the screen in tmux show the move (task, from -> to, cost) as qstat -f records it, and each node's
    /// bar line the state and allocated CPUs pbsnodes shows.
    /// </summary>
    [Fact]
    public async Task OmbTop_OverTcpWithAToken_ShowsARealMoveAndTheNodesAsQstatAndPbsnodes()
    {
        var port = Security.TcpServer.FreeLoopbackPort();
        await using var w = await WorldServer.StartAsync(2, 2, "4gb", "--tcp-listen", $"127.0.0.1:{port}");
        using var home = new TempDirectory();
        var env = new Dictionary<string, string?> { ["HOME"] = home.Path, ["OMB_HOME"] = w.Home };
        var token = await ChildProcess.RunAsync(Repository.OmbBinary, ["token"], env);
        Assert.True(token.ExitCode == 0, "omb token: " + token);
        // Over TCP only: no OMB_HOME, so no Unix socket to fall back on; the token is ~/.omb/token of this HOME.
        var tcp = new Dictionary<string, string?> { ["HOME"] = home.Path, ["OMB_HOME"] = home.File("nowhere"), ["OMB_SERVER"] = $"127.0.0.1:{port}" };

        // 200 steps of one second each: it runs long after the move, and checkpoints within a second of the signal.
        var id = await w.QsubAsync(Repository.Jobs("ckpt-sum.sh"), "2000000", "10000", "1");
        Core.Jobs.Job? job = null;
        await w.WaitForAsync(async () => (job = await w.JobAsync(id)).State == JobState.Running && job.Tasks[0].SessionId is not null,
            TimeSpan.FromSeconds(60), $"job {id} to start");
        var target = job!.Tasks[0].Node?.ToString() == "node1" ? "node2" : "node1";
        var migrate = await w.Omb.RunAsync("migrate", id, target);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        await w.WaitForAsync(async () => (job = await w.JobAsync(id)).Tasks[0] is { Migrations: 1, State: JobState.Running },
            TimeSpan.FromSeconds(90), $"job {id} to run on {target} after its move");
        var move = job!.Tasks[0].LastMigration!;
        var qstatF = (await w.Omb.RunAsync("qstat", "-f", id)).Stdout;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"last_migration = {move.From} -> {move.To} in {(long)move.Cost.TotalMilliseconds} ms"), qstatF,
            StringComparison.Ordinal);
        var moveLine = string.Create(CultureInfo.InvariantCulture, $"{id,-15} {move.From} -> {move.To}  cost {move.Cost.TotalMilliseconds:0} ms, ");

        var plain = await ChildProcess.RunAsync(Repository.OmbBinary, ["top"], tcp);
        Assert.True(plain.ExitCode == 0, "omb top over TCP: " + plain);
        Assert.Contains(plain.Stdout.Split('\n'), l => l.StartsWith(moveLine, StringComparison.Ordinal));
        await AssertNodesAsPbsnodesAsync(w, plain.Stdout);
        Assert.Contains(plain.Stdout.Split('\n'), l => l.StartsWith(id + " ", StringComparison.Ordinal) && l.Contains(target, StringComparison.Ordinal));

        var unauthorised = await ChildProcess.RunAsync(Repository.OmbBinary, ["top"],
            new Dictionary<string, string?>(tcp) { ["HOME"] = home.File("no-token-here") });
        Assert.True(unauthorised.ExitCode != 0 && unauthorised.Stdout.Length == 0, "omb top over TCP without a token: " + unauthorised);

        var socket = "omb-top-tcp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await TmuxAsync(socket, "new-session", "-d", "-s", "top", "-x", "160", "-y", "50",
                $"bash -c \"HOME='{home.Path}' OMB_HOME='{home.File("nowhere")}' OMB_SERVER='127.0.0.1:{port}' '{Repository.OmbBinary}' top; echo omb-top-exit=\\$?; exec sleep 600\"");
            var screen = await WaitForScreenAsync(socket, "top", s => s.Contains(moveLine, StringComparison.Ordinal), "the move's line in LAST MIGRATIONS");
            Assert.Contains("LAST MIGRATIONS", screen, StringComparison.Ordinal);
            await AssertNodesAsPbsnodesAsync(w, screen);
            var jobs = System.Text.Json.JsonSerializer.Deserialize((await w.Omb.RunAsync("qstat", "--json")).Stdout,
                Api.Contracts.OmbJsonContext.Default.JobListResponse)!.Jobs;
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"jobs: {jobs.Count(j => j.State == 'Q')} queued, {jobs.Count(j => j.State == 'H')} held, "
                + $"{jobs.Count(j => j.State == 'W')} waiting, {jobs.Count(j => j.State == 'R')} running"), screen, StringComparison.Ordinal);
            await TmuxAsync(socket, "send-keys", "-t", "top", "q");
            var after = await WaitForScreenAsync(socket, "top", s => s.Contains("omb-top-exit=", StringComparison.Ordinal), "omb top to end on q");
            Assert.Contains("omb-top-exit=0", after, StringComparison.Ordinal);
        }
        finally
        {
            await ChildProcess.RunAsync("tmux", ["-L", socket, "kill-server"]);
        }

        Assert.Equal(0, (await w.Omb.RunAsync("qdel", id)).ExitCode);
    }

    /// <summary>Each node's bar line in <paramref name="screen"/> names its state and allocated CPUs as pbsnodes does now.</summary>
    private static async Task AssertNodesAsPbsnodesAsync(WorldServer w, string screen)
    {
        var lines = screen.Split('\n');
        foreach (var v in await w.NodesAsync())
        {
            var n = v.Node;
            var line = Assert.Single(lines, l => l.StartsWith(n.Name + " ", StringComparison.Ordinal) && l.Contains('[', StringComparison.Ordinal));
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $" {n.State.ToString().ToLowerInvariant()} "), line, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"cpus {n.AllocatedCpus}/{n.Cpus} allocated"), line, StringComparison.Ordinal);
            Assert.Equal(v.Tasks.Count > 0, line.Contains(string.Create(CultureInfo.InvariantCulture, $", {v.Tasks.Count} task(s)"), StringComparison.Ordinal));
        }
    }

    private static async Task<CommandResult> TmuxAsync(string socket, params string[] args)
    {
        var r = await ChildProcess.RunAsync("tmux", ["-L", socket, .. args]);
        Assert.True(r.ExitCode == 0, $"tmux {string.Join(' ', args)}: {r}");
        return r;
    }

    private static async Task<string> WaitForScreenAsync(string socket, string session, Func<string, bool> ready, string what)
    {
        var screen = "";
        await WaitForAsync(async () => ready(screen = (await TmuxAsync(socket, "capture-pane", "-p", "-t", session)).Stdout), what, () => screen);
        return screen;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, Func<string>? seen = null)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(deadline) > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"timed out waiting for {what}; screen:\n{seen?.Invoke()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }
}
