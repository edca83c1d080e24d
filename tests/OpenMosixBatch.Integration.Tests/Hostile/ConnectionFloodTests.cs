using System.Globalization;
using System.Text.Json.Nodes;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using OpenMosixBatch.Integration.Tests.Security;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Finding 2 of issue 22: mallory opens thousands of idle, half-written requests on the Unix socket and thousands of
/// unauthenticated ones on the TCP port, to exhaust the server's file descriptors. The server must stay up and keep
/// answering everyone else, keep its world (same mpiexec), let the victim's running job end once, and close what
/// mallory holds beyond his share: a bounded number of connections per uid on the socket and in total on TCP.
/// </summary>
[Collection("World")]
public sealed class ConnectionFloodTests
{
    /// <summary>The server's defaults: Omb:Limits:MaxConnectionsPerUser and Omb:Tcp:MaxConnections.</summary>
    private const int PerUserLimit = 128;
    private const int TcpLimit = 512;

    /// <summary>A server started with ulimit -n 1536: without a cap, 2,000 connections exhaust it.</summary>
    private const int ServerFileLimit = 1536;

    /// <summary>
    /// Opens COUNT connections of each kind over OPEN seconds, each with the start of a request and never its end,
    /// keeps every one it got, touches DONE when it has opened them all, and holds them until HOLD seconds from its start.
    /// </summary>
    private const string Flood = """
        import socket, sys, time
        path, port, count, opening, hold, done = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
        start = time.monotonic()
        half = b"GET /v1/jobs HTTP/1.1\r\nHost: omb\r\nX-Slow: "
        held, failed = [], 0
        def open_one(family, address):
            global failed
            s = socket.socket(family, socket.SOCK_STREAM)
            s.settimeout(1)
            try:
                s.connect(address)
                s.sendall(half)
                held.append(s)
            except OSError:
                failed += 1
                s.close()
        for i in range(count):
            open_one(socket.AF_UNIX, path)
            open_one(socket.AF_INET, ("127.0.0.1", port))
            lag = start + opening * (i + 1) / count - time.monotonic()
            if lag > 0:
                time.sleep(lag)
        open(done, "w").close()
        print(len(held), failed, flush=True)
        time.sleep(max(0, start + hold - time.monotonic()))
        """;

    [RootFact]
    public async Task ThousandsOfIdleConnections_OnTheSocketAndTcp_LeaveTheServerAnsweringAndItsWorldUntouched()
    {
        var port = TcpServer.FreeLoopbackPort();
        var hostile = await HostileWorld.StartAsync(2, "--tcp-listen", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        try
        {
            var w = hostile.World;
            var limit = await ChildProcess.RunAsync("prlimit", ["--pid", w.Server.Pid.ToString(CultureInfo.InvariantCulture), $"--nofile={ServerFileLimit}:{ServerFileLimit}"]);
            Assert.True(limit.ExitCode == 0, "prlimit: " + limit);
            var world = w.WorldPid();
            Assert.True(world > 0, "no world recorded");
            var before = await hostile.VictimLedgerAsync();
            var runs = Path.Combine(hostile.VictimDir, "runs");
            var script = hostile.Script(hostile.Victim, "long.sh", $"#!/bin/sh\necho $$ >> {runs}\nsleep 25\n");
            var running = await hostile.QsubAsync(hostile.Victim, "-N", "victim-long", "-j", "oe", "-o", "/dev/null", script);
            await w.WaitForAsync(async () => (await w.JobAsync(running)).State == JobState.Running, TimeSpan.FromSeconds(30), "the victim's job to run");
            var baseline = OpenFiles(w.Server.Pid);

            var flood = hostile.Script(hostile.Mallory, "flood.py", Flood);
            var done = Path.Combine(hostile.MalloryDir, "opened");
            var attack = hostile.Mallory.RunAsync(["python3", flood, OmbHome.SocketPath(w.Home), port.ToString(CultureInfo.InvariantCulture), "1000", "10", "35", done],
                directory: hostile.MalloryDir);
            var most = 0;
            CommandResult? malloryAtLimit = null;
            await using (var watch = QstatWatch.Start(hostile))
            {
                await w.WaitForAsync(async () =>
                {
                    most = Math.Max(most, OpenFiles(w.Server.Pid));
                    // The flood alternates socket and TCP: the socket holds his whole share once twice as many are open.
                    if (malloryAtLimit is not { ExitCode: 1 } && most > baseline + (2 * PerUserLimit) + 16)
                    {
                        malloryAtLimit = await hostile.RunAsync(hostile.Mallory, "qstat");
                    }

                    return File.Exists(done) || attack.IsCompleted;
                }, TimeSpan.FromSeconds(40), "mallory's flood to open its connections");
                await watch.AssertEveryAnswerWithinAsync(TimeSpan.FromSeconds(1));
            }

            Assert.True(most <= baseline + PerUserLimit + TcpLimit + 64,
                $"the server held {most} files during the flood ({baseline} before): more than mallory's {PerUserLimit} on the socket and {TcpLimit} on TCP");
            Assert.True(malloryAtLimit is { ExitCode: 1 } && malloryAtLimit.Stderr.Contains("Omb:Limits:MaxConnectionsPerUser", StringComparison.Ordinal),
                $"mallory's own qstat at his limit was not refused with a line naming the limit: {malloryAtLimit}");

            // His idle, half-written requests are closed by the server while he still holds them: his qstat works again.
            await w.WaitForAsync(async () => (await hostile.RunAsync(hostile.Mallory, "qstat")).ExitCode == 0, TimeSpan.FromSeconds(22),
                "mallory's idle connections to time out while he holds them");
            Assert.False(attack.IsCompleted, "the flood ended before its held connections timed out: the check above proves nothing");
            var flooded = await attack;
            Assert.True(flooded.ExitCode == 0, "the flood script failed: " + flooded);

            var job = await w.WaitFinishedAsync(running, TimeSpan.FromSeconds(60));
            Assert.True(job.State == JobState.Completed, $"the victim's job ended {job.State}:\n{w.Server.Output}");
            Assert.Single(File.ReadAllLines(runs));
            Assert.False(w.Server.HasExited, "the server stopped:\n" + w.Server.Output);
            Assert.Equal(world, w.WorldPid());
            Assert.True(ProcStat.IsAlive(world), "the world died");
            var log = w.Server.Output;
            Assert.Single(log.Split('\n'), l => l.Contains("launched world", StringComparison.Ordinal));
            foreach (var bad in new[] { "crit:", "fail:", "Too many open files", "Unhandled" })
            {
                Assert.False(log.Contains(bad, StringComparison.Ordinal), $"the server logged '{bad}':\n{log}");
            }

            Assert.Equal(WithoutJob(before.Json, running), WithoutJob((await hostile.VictimLedgerAsync()).Json, running));
            Assert.True(before.Jobs > 0, "the victim had no job to lose");
        }
        finally
        {
            await hostile.DisposeAsync();
        }
    }

    /// <summary>How many files the server holds open; 0 once it is gone (then WaitForAsync fails with its log).</summary>
    private static int OpenFiles(int pid)
    {
        try
        {
            return Directory.GetFiles($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd").Length;
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>The victim's listing without the job the test ran during the attack (its state changed, as it should).</summary>
    private static string WithoutJob(string json, string id)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var jobs = root["jobs"]!.AsArray();
        var number = id.Split('.')[0];
        foreach (var job in jobs.Where(j => (j!["id"] ?? j["Id"])?.ToJsonString().Trim('"') == number).ToList())
        {
            jobs.Remove(job);
        }

        return root.ToJsonString();
    }
}
