using System.Text.Json;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Hostile;

/// <summary>
/// Findings 6 and 7 of issue 22: a job's environment is in no process's argv (which every user reads in
/// /proc/PID/cmdline), and what a launch prints before the job's own files are open reaches neither world.log nor the
/// server's log.
/// </summary>
[Collection("World")]
public sealed class LaunchLeakTests(HostileWorld fixture) : IClassFixture<HostileWorld>
{
    // The old chain showed a -v value in about 1 launch in 8: 24 launches under two scanners miss it by chance rarely.
    private const int Submissions = 24;

    // Bounded by a stop file and by bash's own clock, which needs no exec per round. The secret comes from a file, so
    // that grep's own argv never holds it.
    private const string ScanScript =
        "while [ ! -e \"$2\" ] && [ \"$SECONDS\" -lt \"$3\" ]; do " +
        "hits=$(grep -a -l -s -F -f \"$1\" /proc/[0-9]*/cmdline); " +
        "if [ -n \"$hits\" ]; then echo \"caught in $hits\"; exit 0; fi; done; echo clean";

    // What the loader prints for LD_DEBUG=all (on stderr), LD_TRACE_LOADED_OBJECTS=1 and LD_DEBUG=help (on stdout).
    private static readonly string[] LoaderMarkers = ["binding file", "linux-vdso.so", "Valid options for the LD_DEBUG"];

    [RootFact]
    public async Task VictimsEnvironment_NeverInAnyArgv_WhileMalloryScansProcCmdline()
    {
        var secret = "omb-secret-" + Guid.NewGuid().ToString("N");
        var pattern = fixture.Script(fixture.Mallory, "secret.pattern", secret + "\n");
        var stop = Path.Combine(fixture.MalloryDir, "stop-scanning");
        var before = await fixture.VictimLedgerAsync();
        var scanners = Enumerable.Range(0, 2)
            .Select(_ => fixture.Mallory.RunAsync(["/bin/bash", "-c", ScanScript, "scan", pattern, stop, "300"], directory: fixture.MalloryDir))
            .ToList();

        var jobs = new List<(string Id, string Output)>();
        try
        {
            for (var i = 0; i < Submissions; i++)
            {
                var output = Path.Combine(fixture.VictimDir, $"leak-{i}.out");
                // A bare -v name copies qsub's value: the secret is in qsub's environment, which only the victim reads.
                var r = await fixture.Victim.RunOmbInAsync(fixture.VictimDir, fixture.World.Home, new Dictionary<string, string> { ["OMB_LEAK"] = secret },
                    "qsub", "-v", "OMB_LEAK", "-N", "leak", "-j", "oe", "-o", output, "--", "/usr/bin/printenv", "OMB_LEAK");
                Assert.True(r.ExitCode == 0, "qsub as the victim: " + r);
                jobs.Add((r.Stdout.Trim(), output));
            }

            foreach (var (id, _) in jobs)
            {
                await fixture.World.WaitFinishedAsync(id);
            }
        }
        finally
        {
            await File.WriteAllTextAsync(stop, "");
        }

        foreach (var scan in await Task.WhenAll(scanners))
        {
            Assert.True(scan.Stdout.Trim() == "clean", "mallory read the victim's -v value in a process's argv: " + scan);
        }

        foreach (var (id, output) in jobs)
        {
            // The job still gets its environment.
            Assert.Equal(secret + "\n", await File.ReadAllTextAsync(output));
        }

        AssertUnchangedBut(before, await fixture.VictimLedgerAsync(), [.. jobs.Select(j => j.Id.Split('.')[0])]);
    }

    [RootFact]
    public async Task WhatALaunchPrintsBeforeTheJobsFiles_ReachesNeitherWorldLogNorTheServersLog()
    {
        var worldLog = Path.Combine(fixture.World.Home, "world.log");
        var before = await fixture.VictimLedgerAsync();
        var worldBefore = new FileInfo(worldLog).Length;
        var serverBefore = fixture.World.Server.Output.Length;
        var marker = "omb-forged-" + Guid.NewGuid().ToString("N");
        var missing = "/nonexistent-" + marker + "\n" + marker + " forged log line";

        // The loader's trace of the launch's shell, on stderr and on stdout; a directory that cannot be entered, and an
        // error file that cannot be created, each named with a forged log line (the launch fails before the job's
        // files are open).
        var ids = new List<string>
        {
            await fixture.QsubAsync(fixture.Mallory, "-v", "LD_DEBUG=all", "-N", "ld-debug", "-j", "oe", "-o", "ld-debug.out", "--", "/bin/true"),
            await fixture.QsubAsync(fixture.Mallory, "-v", "LD_TRACE_LOADED_OBJECTS=1", "-N", "ld-trace", "-j", "oe", "-o", "ld-trace.out", "--", "/bin/true"),
            await fixture.QsubAsync(fixture.Mallory, "-v", "LD_DEBUG=help", "-N", "ld-help", "-j", "oe", "-o", "ld-help.out", "--", "/bin/true"),
            await fixture.QsubAsync(fixture.Mallory, "-v", "LD_DEBUG=all", "-d", missing, "-N", "no-dir", "-o", Path.Combine(fixture.MalloryDir, "no-dir.out"),
                "-e", Path.Combine(fixture.MalloryDir, "no-dir.err"), "--", "/bin/true"),
            await fixture.QsubAsync(fixture.Mallory, "-v", "LD_DEBUG=all", "-N", "no-file", "-e", missing, "--", "/bin/true"),
        };
        foreach (var id in ids)
        {
            await fixture.World.WaitFinishedAsync(id);
        }

        // Nothing to poll for when the text must be absent: give the server's follower of world.log (every 200 ms) time.
        await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System);
        var worldText = await ReadFromAsync(worldLog, worldBefore);
        var serverText = fixture.World.Server.Output[serverBefore..];
        Assert.DoesNotContain(marker, worldText, StringComparison.Ordinal);
        foreach (var loader in LoaderMarkers)
        {
            Assert.DoesNotContain(loader, worldText, StringComparison.Ordinal);
            Assert.DoesNotContain(loader, serverText, StringComparison.Ordinal);
        }

        // The failed starts' reasons are logged with their job's events: one short line each, never a line of the user's.
        Assert.DoesNotContain(serverText.Split('\n'), l => l.TrimStart().StartsWith(marker, StringComparison.Ordinal));
        Assert.True(worldText.Length < 16 * 1024, $"world.log grew by {worldText.Length} bytes during five launches");
        Assert.True(serverText.Length < 16 * 1024, $"the server's log grew by {serverText.Length} characters during five launches");
        (await fixture.VictimLedgerAsync()).AssertUnchangedSince(before);
    }

    private static async Task<string> ReadFromAsync(string path, long offset)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(file);
        return await reader.ReadToEndAsync();
    }

    /// <summary>The victim's listing is what it was, but for the jobs it submitted during the test.</summary>
    private static void AssertUnchangedBut(VictimLedger before, VictimLedger after, IReadOnlyCollection<string> added)
    {
        static List<string> Jobs(VictimLedger ledger, IReadOnlyCollection<string> except)
        {
            using var doc = JsonDocument.Parse(ledger.Json);
            return [.. doc.RootElement.GetProperty("jobs").EnumerateArray()
                .Where(j => !except.Contains(j.GetProperty("id").ToString().Split('.')[0]))
                .Select(j => j.GetRawText())];
        }

        Assert.Equal(before.Jobs + added.Count, after.Jobs);
        Assert.Equal(Jobs(before, added), Jobs(after, added));
    }
}
