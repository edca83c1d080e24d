using System.Security.Cryptography;
using System.Text.Json;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Cli.Tests.Commands;

/// <summary><c>omb simulate --history</c> on a real LiteDB job database filled through the storage adapter.</summary>
public sealed class SimulateHistoryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>
    /// Three 2-CPU jobs of 100 s each, submitted a second apart; one deleted before it ran, one still queued, and one
    /// from the day before.
    /// </summary>
    private string Database()
    {
        var path = Path.Combine(_cli.Dir, "omb.db");
        using var store = LiteDbJobStore.Open(path);
        List<Job> jobs =
        [
            Job(1, T0, ran: true),
            Job(2, T0.AddSeconds(1), ran: true),
            Job(3, T0.AddSeconds(2), ran: true),
            Job(4, T0.AddSeconds(3), ran: false) with { State = JobState.Deleted, Tasks = [new JobTask(0, JobState.Deleted)] },
            Job(5, T0.AddSeconds(4), ran: false),
            Job(6, T0.AddDays(-1), ran: true),
        ];
        store.Commit(new JobStoreBatch(jobs, [], 7));
        return path;
    }

    private static Job Job(long id, DateTimeOffset submitted, bool ran) => new()
    {
        Id = id,
        Spec = new JobSpec { Name = "h" + id, WorkingDirectory = "/tmp", SubmitDirectory = "/tmp", Resources = new ResourceRequest(1, 2, 1L << 30, TimeSpan.FromMinutes(5)) },
        Owner = new JobOwner(1000, 1000, "ann"),
        SubmitTime = submitted,
        State = ran ? JobState.Completed : JobState.Queued,
        Tasks = [ran
            ? new JobTask(0, JobState.Completed) { StartTime = submitted.AddSeconds(1), EndTime = submitted.AddSeconds(101), Node = ExecutionHosts.Parse("node1"), ExitStatus = 0 }
            : new JobTask(0, JobState.Queued)],
    };

    private Task<int> RunAsync(params string[] args) => _cli.RunAsync("simulate", args);

    [Fact]
    public async Task History_TwoThresholds_ReplaysTheFinishedJobsAndALowerThresholdMakesThemWait()
    {
        var path = Database();
        var before = SHA256.HashData(File.ReadAllBytes(path));

        var code = await RunAsync("--history", path, "--since", "2026-11-01", "--nodes", "2", "--cpus", "2", "--mem", "4gb",
            "--cpu-threshold", "50,100", "--json");

        Assert.True(code == 0, _cli.Err.ToString());
        using var doc = JsonDocument.Parse(_cli.Out.ToString());
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(3, r.GetProperty("jobs").GetInt32()));
        var (half, full) = (rows[0].GetProperty("mean_wait_s").GetDouble(), rows[1].GetProperty("mean_wait_s").GetDouble());
        Assert.Equal((0 + 99 + 198) / 3.0, half, 3);   // one job at a time: 2 of 4 CPUs is 50%
        Assert.Equal((0 + 0 + 98) / 3.0, full, 3);    // two at a time, the third after the first
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(path)));
    }

    [Fact]
    public async Task History_WithoutTheMachine_ExitTwoAskingForIt()
    {
        var code = await RunAsync("--history", Database());

        Assert.Equal(2, code);
        Assert.Contains("give it with --cluster", Assert.Single(_cli.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--rules", "rlscheduler")]
    [InlineData("--since", "2030-01-01")]
    public async Task History_BadOptionOrNothingToReplay_ExitTwoWithOneLine(string option, string value)
    {
        var code = await RunAsync("--history", Database(), "--nodes", "2", "--cpus", "2", option, value);

        Assert.Equal(2, code);
        Assert.StartsWith("omb simulate: ", Assert.Single(_cli.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_NotADatabase_ExitTwoNamingTheFile()
    {
        var path = Path.Combine(_cli.Dir, "trace.swf");
        await File.WriteAllTextAsync(path, "1 0 -1 100 1 -1 -1 1 100 -1 1 -1 -1 -1 -1 -1 -1 -1\n");

        var code = await RunAsync("--history", path, "--nodes", "2");

        Assert.Equal(2, code);
        Assert.Contains(path, Assert.Single(_cli.ErrorLines), StringComparison.Ordinal);
    }
}
