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
        var node = (await w.JobAsync(id)).Tasks[0].Node!;

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
                await TmuxAsync(socket, "kill-session", "-t", session);
            }
        }
        finally
        {
            await ChildProcess.RunAsync("tmux", ["-L", socket, "kill-server"]);
        }

        Assert.Equal(0, (await w.Omb.RunAsync("qdel", id)).ExitCode);
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
