using System.Globalization;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Status;

/// <summary>
/// qstat -T, -f, -Q and -B against a real server and world of one node with 2 CPUs: a running job with a walltime makes
/// the next jobs' starts predictable to the second, a job without one makes the start of the jobs behind it unknown.
/// </summary>
[Collection("World")]
public sealed class EstimateTests
{
    [Fact]
    public async Task QstatT_PredictsStartsFromTheRunningJobsWalltime_AndSaysWhyWhenItCannot()
    {
        await using var w = await WorldServer.StartAsync(1, extra: ["--cpu-threshold", "100", "--mem-threshold", "100"]);
        var node = (await w.NodesAsync()).Single().Node.Name;
        var running = await w.QsubAsync("-l", "ncpus=2,walltime=00:02:00", "--", "/bin/sleep", "90");
        await w.WaitForAsync(async () => (await w.JobAsync(running)).Tasks[0].StartTime is not null, TimeSpan.FromSeconds(30), "the first job to start");
        var second = await w.QsubAsync("-l", "ncpus=2,walltime=00:01:00", "--", "/bin/true");
        var third = await w.QsubAsync("-l", "ncpus=2", "--", "/bin/true");
        var fourth = await w.QsubAsync("-l", "ncpus=1,walltime=00:00:30", "--", "/bin/true");
        var start = (await w.JobAsync(running)).Tasks[0].StartTime!.Value;

        var json = await w.Omb.RunAsync("qstat", "-T", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var rows = JsonSerializer.Deserialize(json.Stdout, OmbJsonContext.Default.EstimateListResponse)!.Jobs.ToDictionary(j => j.Id);
        Assert.Equal([second, third, fourth], rows.Keys);
        Assert.Equal(start.AddMinutes(2), rows[second].Estimate.Start);
        Assert.Equal([node], rows[second].Estimate.Nodes);
        Assert.Equal(start.AddMinutes(3), rows[third].Estimate.Start);
        Assert.Null(rows[fourth].Estimate.Start);
        Assert.StartsWith($"waits for job(s) without a walltime to end ({third})", rows[fourth].Estimate.Why, StringComparison.Ordinal);

        var table = await w.Omb.RunAsync("qstat", "-T");
        Assert.Contains("Est Start", table.Stdout, StringComparison.Ordinal);
        var secondRow = table.Stdout.Split('\n').Single(l => l.StartsWith(second + " ", StringComparison.Ordinal));
        Assert.Contains(TimeZoneInfo.ConvertTime(start.AddMinutes(2), TimeZoneInfo.Local).ToString("MMM d HH:mm", CultureInfo.InvariantCulture), secondRow, StringComparison.Ordinal);
        Assert.EndsWith(" " + node, secondRow, StringComparison.Ordinal);

        var full = await w.Omb.RunAsync("qstat", "-f", second);
        Assert.Contains("estimated.start_time = " + TimeZoneInfo.ConvertTime(start.AddMinutes(2), TimeZoneInfo.Local).ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture),
            full.Stdout, StringComparison.Ordinal);
        Assert.Contains($"estimated.exec_vnode = ({node}:ncpus=2", full.Stdout, StringComparison.Ordinal);
        Assert.Contains("estimated.start_time = unknown (waits for job(s) without a walltime", (await w.Omb.RunAsync("qstat", "-f", fourth)).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("estimated.", (await w.Omb.RunAsync("qstat", "-f", running)).Stdout, StringComparison.Ordinal);

        var queues = JsonSerializer.Deserialize((await w.Omb.RunAsync("qstat", "-Q", "--json")).Stdout, OmbJsonContext.Default.QueueListResponse)!;
        var batch = queues.Queues.Single(q => q.Name == "batch");
        Assert.Equal((4, 3, 1, 0), (batch.Total, batch.Queued, batch.Running, batch.Held));
        Assert.Contains("batch", (await w.Omb.RunAsync("qstat", "-Q")).Stdout, StringComparison.Ordinal);

        var server = JsonSerializer.Deserialize((await w.Omb.RunAsync("qstat", "-B", "--json")).Stdout, OmbJsonContext.Default.ServerStatus)!;
        Assert.Equal((4, 3, 1, 1, 1), (server.Total, server.Queued, server.Running, server.NodesUp, server.NodesTotal));
        Assert.NotNull(server.World);
        Assert.True(server.Uptime > TimeSpan.Zero);
        var b = await w.Omb.RunAsync("qstat", "-B");
        Assert.Contains("world = " + server.World, b.Stdout, StringComparison.Ordinal);
        Assert.Contains("nodes = 1 up of 1", b.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await w.Omb.RunAsync("qdel", running, second, third, fourth)).ExitCode);
    }
}
