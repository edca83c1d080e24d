using OpenMosixBatch.Integration.Tests.Harness;
using OpenMosixBatch.Integration.Tests.Security;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Finding 8 of issue 22 on the TCP listener: with his own token, mallory learns of the victim's jobs and schedules
/// exactly what he learns on the socket, that is nothing (the same answer as for what does not exist).
/// </summary>
[Collection("World")]
public sealed class RefusalLeakOverTcpTests
{
    [RootFact]
    public async Task WithHisToken_MallorysRefusals_AreThoseOfWhatDoesNotExist()
    {
        var address = $"127.0.0.1:{TcpServer.FreeLoopbackPort()}";
        var world = await HostileWorld.StartAsync(2, "--tcp-listen", address);
        try
        {
            var overTcp = new Dictionary<string, string> { ["HOME"] = world.MalloryDir, ["OMB_SERVER"] = address };
            var token = await world.Mallory.RunOmbInAsync(world.MalloryDir, world.World.Home, new Dictionary<string, string> { ["HOME"] = world.MalloryDir }, "token");
            Assert.True(token.ExitCode == 0, "omb token as mallory: " + token);
            var victims = (await world.QsubAsync(world.Victim, "-h", "-N", "victim-tcp", "--", "/bin/true")).Split('.')[0];
            await world.AddPausedScheduleAsync(world.Victim, "victim-tcp");
            var before = await world.VictimLedgerAsync();

            string[][] commands = [["qdel", "ID"], ["qhold", "ID"], ["qstat", "-f", "ID"], ["migrate", "ID", "node2"], ["qsub", "-W", "depend=afterok:ID", "--", "/bin/true"]];
            foreach (var command in commands)
            {
                var onVictims = await world.Mallory.RunOmbInAsync(world.MalloryDir, world.World.Home, overTcp, [.. command.Select(a => a.Replace("ID", victims, StringComparison.Ordinal))]);
                var onNothing = await world.Mallory.RunOmbInAsync(world.MalloryDir, world.World.Home, overTcp, [.. command.Select(a => a.Replace("ID", "999999", StringComparison.Ordinal))]);
                Assert.True(onNothing.ExitCode is 1 or 2 && onNothing.Stderr.Contains("unknown job", StringComparison.Ordinal), $"{string.Join(' ', command)} over TCP: {onNothing}");
                Assert.Equal((onNothing.ExitCode, onNothing.Stderr.Replace("999999", "ID", StringComparison.Ordinal)), (onVictims.ExitCode, onVictims.Stderr.Replace(victims, "ID", StringComparison.Ordinal)));
            }

            foreach (var verb in new[] { "rm", "pause", "resume", "run", "show" })
            {
                var onVictims = await world.Mallory.RunOmbInAsync(world.MalloryDir, world.World.Home, overTcp, "cron", verb, "victim-tcp");
                var onNothing = await world.Mallory.RunOmbInAsync(world.MalloryDir, world.World.Home, overTcp, "cron", verb, "nosuch-tcp");
                Assert.True(onNothing.ExitCode == 1 && onNothing.Stderr.Contains("unknown schedule", StringComparison.Ordinal), $"cron {verb} over TCP: {onNothing}");
                Assert.Equal((1, onNothing.Stderr.Replace("nosuch-tcp", "NAME", StringComparison.Ordinal)), (onVictims.ExitCode, onVictims.Stderr.Replace("victim-tcp", "NAME", StringComparison.Ordinal)));
            }

            (await world.VictimLedgerAsync()).AssertUnchangedSince(before);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }
}
