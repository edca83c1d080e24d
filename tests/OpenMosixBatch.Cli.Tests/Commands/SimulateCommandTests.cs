using System.Text.Json;
using OpenMosixBatch.Tests.Shared;

namespace OpenMosixBatch.Cli.Tests.Commands;

/// <summary><c>omb simulate</c> end to end through <see cref="CliApp"/>, on a small trace written here.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    // 2 processors: job 1 holds one for 100 s, job 2 needs both, job 3 (10 s) fits beside job 1.
    private const string Trace = "; MaxNodes: 2\n; MaxProcs: 2\n" +
        "1 0 -1 100 1 -1 -1 1 100 -1 1 -1 -1 -1 -1 -1 -1 -1\n" +
        "2 1 -1 50 2 -1 -1 2 50 -1 1 -1 -1 -1 -1 -1 -1 -1\n" +
        "3 2 -1 10 1 -1 -1 1 10 -1 1 -1 -1 -1 -1 -1 -1 -1\n";

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private string TracePath(string text = Trace)
    {
        var path = Path.Combine(_cli.Dir, "t.swf");
        File.WriteAllText(path, text);
        return path;
    }

    private Task<int> RunAsync(params string[] args) => _cli.RunAsync("simulate", args);

    [Fact]
    public async Task Simulate_TwoBackfillSettings_PrintsOneRowEach()
    {
        var code = await RunAsync(TracePath(), "--backfill", "easy,none", "--cpu-threshold", "100");

        Assert.Equal(0, code);
        var lines = _cli.Out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);   // comment, header, two rows
        Assert.Matches(@"^100\s+85\s+fcfs\s+easy\s+3\s", lines[2]);
        Assert.Matches(@"^100\s+85\s+fcfs\s+none\s+3\s", lines[3]);
    }

    [Fact]
    public async Task Simulate_Json_GivesTheMeansAndEachWindow()
    {
        var code = await RunAsync(TracePath(), "--json", "--cpu-threshold", "100", "--window", "0:2", "--window", "1:2");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(_cli.Out.ToString());
        var row = Assert.Single(doc.RootElement.EnumerateArray());
        foreach (var key in new[] { "jobs", "mean_wait_s", "p95_wait_s", "mean_bsld", "utilization", "makespan_s" })
        {
            Assert.True(row.TryGetProperty(key, out _), key);
        }

        Assert.Equal(2, row.GetProperty("windows").GetArrayLength());
        Assert.Equal(1, row.GetProperty("windows")[1].GetProperty("start").GetInt32());
    }

    [Fact]
    public async Task Simulate_JobsAndPlot_WritesTheCsvAndTheSvg()
    {
        var csv = Path.Combine(_cli.Dir, "jobs.csv");
        var svg = Path.Combine(_cli.Dir, "plot.svg");

        var code = await RunAsync(TracePath(), "--cpu-threshold", "100", "--jobs", csv, "--plot", svg);

        Assert.Equal(0, code);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("100,85,fcfs,easy,,3,2,2,12,0,10,1,10,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_BadLine_OneErrorLineNamingFileLineAndFieldExitTwoNothingWritten()
    {
        var csv = Path.Combine(_cli.Dir, "jobs.csv");

        var code = await RunAsync(TracePath(Trace + "4 3 -1 ten 1 -1 -1 1 10 -1 1 -1 -1 -1 -1 -1 -1 -1\n"), "--jobs", csv);

        Assert.Equal(2, code);
        var line = Assert.Single(_cli.ErrorLines);
        Assert.Contains("t.swf:6: field 4 (run time) is 'ten'", line, StringComparison.Ordinal);
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public async Task Simulate_Processes_PrintsMigrationOffAndOnFromTheRepositoryTunables()
    {
        var conf = Path.Combine(CorpusDirectory.Path, "..", "..", "conf");

        var code = await RunAsync("--processes", "300", "--seed", "4", "--tunables", conf, "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(_cli.Out.ToString());
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal([false, true], rows.Select(r => r.GetProperty("migration").GetBoolean()));
        Assert.All(rows, r => Assert.Equal(300, r.GetProperty("processes").GetInt32()));
        Assert.Equal(0, rows[0].GetProperty("migrations").GetInt32());
        Assert.All(rows, r => Assert.True(r.GetProperty("makespan_over_bound").GetDouble() >= 1));
    }

    [Theory]
    [InlineData("--speeds", "1,0")]
    [InlineData("--checkpointing", "150")]
    [InlineData("--tunables", "/nonexistent")]
    [InlineData("--nodes", "4")]
    public async Task Simulate_ProcessesBadOption_ExitTwoWithOneLine(string option, string value)
    {
        var code = await RunAsync("--processes", "10", option, value);

        Assert.Equal(2, code);
        Assert.StartsWith("omb simulate: ", Assert.Single(_cli.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--order", "lifo")]
    [InlineData("--backfill", "conservative")]
    [InlineData("--cpu-threshold", "0")]
    [InlineData("--window", "5:1")]
    [InlineData("--nodes", "1")]
    [InlineData("--cpus", "4")]
    public async Task Simulate_BadOptionOrImpossibleCluster_ExitTwoWithOneLine(string option, string value)
    {
        var code = await RunAsync(TracePath(), option, value);

        Assert.Equal(2, code);
        Assert.StartsWith("omb simulate: ", Assert.Single(_cli.ErrorLines), StringComparison.Ordinal);
    }
}
