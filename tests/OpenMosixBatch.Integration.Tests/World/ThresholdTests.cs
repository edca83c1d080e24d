using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>Admission on a live world: 2 nodes × 2 CPUs with --cpu-threshold 50 run two 1-CPU jobs, never three.</summary>
[Collection("World")]
public sealed class ThresholdTests
{
    [Fact]
    public async Task ThirdJob_WaitsForTheCpuThreshold_AndStartsWhenOneFinishes()
    {
        await using var w = await WorldServer.StartAsync(2, extra: ["--cpu-threshold", "50"]);
        var first = await w.QsubAsync("-l", "ncpus=1,walltime=00:01:00", "--", "/bin/sleep", "4");
        var second = await w.QsubAsync("-l", "ncpus=1,walltime=00:01:00", "--", "/bin/sleep", "4");
        await w.WaitForAsync(async () => (await w.JobAsync(first)).State == JobState.Running && (await w.JobAsync(second)).State == JobState.Running,
            TimeSpan.FromSeconds(30), "two jobs running");

        var third = await w.QsubAsync("-l", "ncpus=1,walltime=00:01:00", "--", "/bin/echo", "third");
        string? reason = null;
        await w.WaitForAsync(async () => (reason = (await w.Omb.RunAsync("qstat", "-f", third)).Stdout).Contains("comment = ", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "a reason for the third job");

        Assert.Contains("job_state = Q", reason, StringComparison.Ordinal);
        Assert.Contains("cluster CPU would be 75% > threshold 50%", reason, StringComparison.Ordinal);
        var done = await w.WaitFinishedAsync(third);
        var firstDone = await w.JobAsync(first);
        Assert.Equal(JobState.Completed, done.State);
        Assert.True(done.Tasks[0].StartTime >= new[] { firstDone.EndTime, (await w.JobAsync(second)).EndTime }.Min(),
            "the third job started only after one of the first two ended");
    }
}
