using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Migration;

/// <summary>
/// <c>omb calibrate</c> on a real mpiexec.hydra world: it moves real calibration jobs (jobs/ckpt-ballast.sh), prints
/// measured tunables, applies them with --write, and leaves no job behind, also when it is stopped half-way.
/// </summary>
[Collection("World")]
public sealed class CalibrateTests
{
    // Small sizes and few moves: the fit needs two sizes, the test needs to stay under a minute.
    private static readonly string[] Quick = ["calibrate", "--sizes", "0,4,16", "--repeat", "2"];

    [Fact]
    public async Task Calibrate_OnATwoNodeWorld_PrintsMeasuredValues_AndWriteAppliesThem()
    {
        await using var w = await WorldServer.StartAsync(2);

        // With one node left up there is nowhere to move to: one line, exit 1, nothing submitted.
        Assert.Equal(0, (await w.Omb.RunAsync("pbsnodes", "-o", "node2")).ExitCode);
        var refused = await RunAsync(w, Quick);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.StartsWith("omb calibrate: only node1 is up", refused.Stderr, StringComparison.Ordinal);
        Assert.Single(refused.Stderr.Trim().Split('\n'));
        Assert.Empty(await JobsAsync(w));
        Assert.Equal(0, (await w.Omb.RunAsync("pbsnodes", "-c", "node2")).ExitCode);

        using var conf = new TempDirectory();
        var r = await RunAsync(w, [.. Quick, "-v", "--write", "--conf", conf.Path]);

        Assert.True(r.ExitCode == 0, $"{r}\nserver log:\n{w.LogTail(80)}");
        var lines = r.Stdout.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        var overheads = TunablesParser.ParseOverheads(lines[0], "calibrate stdout");
        var mfs = TunablesParser.ParseMfsCosts(lines[1], "calibrate stdout");
        Assert.True(overheads.Ok, overheads.Error);
        Assert.True(mfs.Ok, mfs.Error);
        AssertMeasured(overheads.Value!.ToValues(), Overheads.Defaults.ToValues(), CalibrationOutcome.MeasuredOverheads, r.Stderr);
        AssertMeasured(mfs.Value!.ToValues(), MfsCosts.Defaults.ToValues(), CalibrationOutcome.MeasuredMfsCosts, r.Stderr);
        Assert.Contains("measured moves", r.Stderr, StringComparison.Ordinal);

        // --write: the running server now uses them; --conf: the files hold them.
        var get = await w.Omb.RunAsync("tune", "get", "--json");
        Assert.True(get.ExitCode == 0, get.ToString());
        var view = JsonSerializer.Deserialize(get.Stdout, OmbJsonContext.Default.TunablesView)!;
        Assert.Equal(overheads.Value.ToValues(), view.Overheads.Select(v => (long)v));
        Assert.Equal(mfs.Value.ToValues(), view.MfsCosts.Select(v => (long)v));
        Assert.Equal(overheads.Value, TunablesParser.ParseOverheads(File.ReadAllText(conf.File("overheads")), "overheads").Value);
        Assert.Equal(mfs.Value, TunablesParser.ParseMfsCosts(File.ReadAllText(conf.File("mfscosts")), "mfscosts").Value);

        // Every calibration job moved (a warm-up and two measured moves each) and was deleted.
        var jobs = await JobsAsync(w);
        Assert.Equal(3, jobs.Count);
        foreach (var id in jobs)
        {
            var job = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));
            Assert.Equal(JobState.Deleted, job.State);
            Assert.Equal(3, job.Tasks[0].Migrations);
        }
    }

    [Fact]
    public async Task Calibrate_StoppedBySigterm_DeletesItsJobs_AndChangesNothing()
    {
        await using var w = await WorldServer.StartAsync(2);
        var before = await w.Omb.RunAsync("tune", "get", "--json");
        var info = new ProcessStartInfo(Repository.OmbBinary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = w.WorkDirectory };
        foreach (var a in new[] { "calibrate", "--sizes", "0,32", "--repeat", "20", "--write" })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["OMB_HOME"] = w.Home;
        using var calibrate = Process.Start(info)!;
        try
        {
            var stdout = calibrate.StandardOutput.ReadToEndAsync();
            var stderr = calibrate.StandardError.ReadToEndAsync();
            await w.WaitForAsync(async () => (await JobsAsync(w)).Count == 2 && (await w.JobAsync((await JobsAsync(w))[1])).Tasks[0].Migrations >= 1,
                TimeSpan.FromSeconds(120), "calibrate to submit its jobs and move one");

            await ChildProcess.RunAsync("/bin/kill", ["-TERM", calibrate.Id.ToString(CultureInfo.InvariantCulture)]);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await calibrate.WaitForExitAsync(deadline.Token);

            Assert.True(calibrate.ExitCode == 130, $"exit {calibrate.ExitCode}; stdout: {await stdout}; stderr: {await stderr}");
            Assert.Equal("", (await stdout).Trim());
            Assert.Contains("interrupted: the calibration jobs were deleted", await stderr, StringComparison.Ordinal);
            foreach (var id in await JobsAsync(w))
            {
                Assert.Equal(JobState.Deleted, (await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(30))).State);
            }

            Assert.Equal(before.Stdout, (await w.Omb.RunAsync("tune", "get", "--json")).Stdout);
        }
        finally
        {
            if (!calibrate.HasExited)
            {
                calibrate.Kill();
                await calibrate.WaitForExitAsync();
            }
        }
    }

    [Fact]
    public async Task Calibrate_WithoutAWorld_IsRefusedWithOneLine()
    {
        using var home = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(home.Path);

        var r = await new Omb(home.Path).RunAsync(Quick);

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.StartsWith("omb calibrate: no execution world is running", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Equal("", r.Stdout);
    }

    private static Task<CommandResult> RunAsync(WorldServer w, string[] args) =>
        ChildProcess.RunAsync(Repository.OmbBinary, args, new Dictionary<string, string?> { ["OMB_HOME"] = w.Home }, null, w.WorkDirectory, TimeSpan.FromSeconds(150));

    /// <summary>The calibration jobs in the queue, finished or not, oldest first.</summary>
    private static async Task<List<string>> JobsAsync(WorldServer w)
    {
        var r = await w.Omb.RunAsync("qstat", "-x", "--json");
        using var doc = JsonDocument.Parse(r.Stdout);
        return [.. doc.RootElement.GetProperty("jobs").EnumerateArray()
            .Where(j => j.GetProperty("name").GetString() == "omb-calibrate")
            .Select(j => j.GetProperty("id").GetString()!)];
    }

    /// <summary>Each measured value is positive and not the default; the others are the defaults (the world started on them).</summary>
    private static void AssertMeasured(long[] values, long[] defaults, IReadOnlyList<int> measured, string report)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (measured.Contains(i + 1))
            {
                Assert.True(values[i] > 0 && values[i] != defaults[i], $"value {i + 1} = {values[i]} is not a measurement (default {defaults[i]}):\n{report}");
            }
            else
            {
                Assert.Equal(defaults[i], values[i]);
            }
        }
    }
}
