using System.Text.RegularExpressions;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

// qsub -I in a real terminal (tmux, a server of its own on its own socket, killed by that socket at the end) on the
// same 3-node world as omb rsh, whose relay it shares: a user's shell runs on the allocated node as that user, relayed
// through the server and the world, exit ends the job with its status, qdel of an interactive job ends the shell, and
// the terminal is given back. A restart of the server in the middle of the session does not end it.
public sealed partial class RemoteStartTests
{
    private static readonly TimeSpan TerminalWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task QsubInteractive_ShellOnTheNodeAsTheUser_ExitEndsTheJob_AndQdelEndsTheShell()
    {
        if (TestUser.SkipReason is { } why)
        {
            Assert.Fail("not run: " + why);
        }

        using var user = await TestUser.CreateAsync("omb-it-" + (Environment.GetEnvironmentVariable("OMB_TEST_USER_SUFFIX") ?? "user"));
        var omb = await TestUser.ReachableOmbAsync();
        var socket = "omb-inter-test-" + Guid.NewGuid().ToString("N")[..8];
        // The second job is qsub -I of a script: its #PBS lines are read, its body is not run (PBS Pro's rule).
        var script = Path.Combine(Path.GetTempPath(), socket + ".sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n#PBS -N from-script\necho body-ran\n");
        // bash stays in the pane after qsub ends, so its exit status and the terminal it leaves behind can be read.
        var pane = $"cd /tmp && exec setpriv --reuid={user.Uid} --regid={user.Gid} --clear-groups env -i PATH=/usr/bin:/bin HOME=/tmp "
            + $"USER={user.Name} LOGNAME={user.Name} SHELL=/bin/sh TERM=xterm OMB_HOME='{W.Home}' bash -c "
            + $"'saved=$(stty -g); {omb} qsub -I -l walltime=00:05:00; echo qsub-exit=$?; [ \"$(stty -g)\" = \"$saved\" ] && echo tty-restored || echo tty-changed; exec sleep 600'";
        try
        {
            await TmuxAsync(socket, "new-session", "-d", "-s", "one", "-x", "150", "-y", "40", pane);
            var ready = await WaitForScreenAsync(socket, "one", s => ReadyLine().IsMatch(s), "qsub: job N ready");
            Assert.Contains("qsub: waiting for job ", ready, StringComparison.Ordinal);
            var id = ReadyLine().Match(ready).Groups[1].Value;
            var node = (await W.JobAsync(id)).Tasks[0].Node!;

            await TmuxAsync(socket, "send-keys", "-t", "one", "echo \"on=$OMB_NODE job=$PBS_JOBID as=$(id -un)\"", "Enter");
            var shown = await WaitForScreenAsync(socket, "one", s => s.Contains("on=node", StringComparison.Ordinal), "the shell's echo");
            Assert.Contains($"on={node} job={id} as={user.Name}", shown, StringComparison.Ordinal);

            // The server dies (kill -9) and another starts on its home: the world is adopted, the shell goes on on its node,
            // and qsub reattaches to it where it stopped reading.
            await W.KillServerAndStartAnotherAsync();
            await W.WaitForAsync(async () => await W.NodesAsync() is { Count: 3 } up && up.All(n => n.Node.State != NodeState.Down), TerminalWait, "the adopted world's nodes");
            await WaitForScreenAsync(socket, "one", s => s.Contains($"qsub: job {id} reattached", StringComparison.Ordinal), "qsub to reattach after the restart");
            await TmuxAsync(socket, "send-keys", "-t", "one", "echo \"after=$PBS_JOBID\"", "Enter");
            var resumed = await WaitForScreenAsync(socket, "one", s => s.Contains($"after={id}", StringComparison.Ordinal), "the shell's echo after the restart");
            Assert.Contains($"qsub: job {id}: the server was lost", resumed, StringComparison.Ordinal);
            Assert.Equal(JobState.Running, (await W.JobAsync(id)).State);

            await TmuxAsync(socket, "send-keys", "-t", "one", "exit 3", "Enter");
            var after = await WaitForScreenAsync(socket, "one", Settled, "qsub to end on exit");
            Assert.Contains("qsub-exit=3", after, StringComparison.Ordinal);
            Assert.Contains("tty-restored", after, StringComparison.Ordinal);
            var ended = await W.WaitFinishedAsync(id);
            Assert.Equal(3, ended.Tasks[0].ExitStatus);

            await TmuxAsync(socket, "new-session", "-d", "-s", "two", "-x", "150", "-y", "40", pane.Replace("walltime=00:05:00;", $"walltime=00:05:00 {script};", StringComparison.Ordinal));
            var second = ReadyLine().Match(await WaitForScreenAsync(socket, "two", s => ReadyLine().IsMatch(s), "the second job ready")).Groups[1].Value;
            await TmuxAsync(socket, "send-keys", "-t", "two", "echo \"in=$PBS_JOBID\"", "Enter");
            var secondScreen = await WaitForScreenAsync(socket, "two", s => s.Contains($"in={second}", StringComparison.Ordinal), "the second shell");
            Assert.Equal("from-script", (await W.JobAsync(second)).Spec.Name);
            Assert.DoesNotContain("body-ran", secondScreen, StringComparison.Ordinal);
            Assert.Equal(0, (await W.Omb.RunAsync("qdel", second)).ExitCode);
            var deleted = await WaitForScreenAsync(socket, "two", Settled, "qsub to end on qdel");
            Assert.Contains("tty-restored", deleted, StringComparison.Ordinal);
            Assert.DoesNotContain("qsub-exit=0", deleted, StringComparison.Ordinal);
            Assert.True((await W.WaitFinishedAsync(second)).State.IsFinished());
        }
        finally
        {
            await ChildProcess.RunAsync("tmux", ["-L", socket, "kill-server"]);
            File.Delete(script);
        }
    }

    /// <summary>qsub ended and the pane has said whether the terminal was left as it was (the line after its exit).</summary>
    private static bool Settled(string screen) =>
        screen.Contains("qsub-exit=", StringComparison.Ordinal)
        && (screen.Contains("tty-restored", StringComparison.Ordinal) || screen.Contains("tty-changed", StringComparison.Ordinal));

    [GeneratedRegex(@"qsub: job (\d+) ready")]
    private static partial Regex ReadyLine();

    private static async Task<CommandResult> TmuxAsync(string socket, params string[] args)
    {
        var r = await ChildProcess.RunAsync("tmux", ["-L", socket, .. args]);
        Assert.True(r.ExitCode == 0, $"tmux {string.Join(' ', args)}: {r}");
        return r;
    }

    private async Task<string> WaitForScreenAsync(string socket, string session, Func<string, bool> ready, string what)
    {
        var screen = "";
        await W.WaitForAsync(async () => ready(screen = (await TmuxAsync(socket, "capture-pane", "-p", "-t", session)).Stdout), TerminalWait, () => $"{what}; screen:\n{screen}");
        return screen;
    }
}
