using System.Globalization;
using OpenMosixBatch.Integration.Tests.Harness;
using static OpenMosixBatch.Integration.Tests.Migration.MigrationSteps;

namespace OpenMosixBatch.Integration.Tests.Migration;

/// <summary>
/// The cost side of the decision rule on a real world: a move is priced by the checkpoint it would carry, so a task
/// with a huge checkpoint and little work left stays on its overloaded node while a small, long task from the same
/// node moves to an idle one.
/// </summary>
[Collection("World")]
public sealed class MigrationCostTests
{
    /// <summary>
    /// 256 MiB of ballast, written in seconds even on a loaded machine (the 1 GiB this test once used took over 30 s
    /// in CI). At <see cref="Overheads"/>' 0.08 s a page a move of it costs about 5,270 s, more than 10 minutes of work
    /// can gain unless node1 progresses at under 1/12 of a CPU; the same task priced at its RSS (about 10 MB, 210 s)
    /// would move even on a quiet machine, where it gains about its remaining work.
    /// </summary>
    private const int BallastMib = 256;

    /// <summary>The FAQ's overheads with 80,000 µs per dirty page instead of 351.</summary>
    private const string Overheads = "81 150 39 38 0 11 0 18 0 18 0 12 8141 80000";

    /// <summary>Five 1 s ticks: the node samples the complete ballast and rank 0 has that sample, even on a loaded machine.</summary>
    private static readonly TimeSpan BallastSettled = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task HugeCheckpoint_WithLittleWorkLeft_IsNotMoved_WhileASmallLongTaskFromTheSameNodeIs()
    {
        await using var w = await WorldServer.StartWithClusterAsync(OverloadedCluster, "--cpu-threshold", "100");
        await OkAsync(w, "pbsnodes", "-o", "node2", "node3");
        await OkAsync(w, "tune", "set", Overheads);

        // On node1: a busy task that never moves (no checkpoints), a checkpointing task whose walltime leaves it at
        // most 10 minutes of work and whose checkpoint directory holds 256 MiB, and a checkpointing task with an
        // hour to go. The walltime is long enough that no wait below can run into it.
        var filler = await w.QsubAsync(Repository.Jobs("cpu-bound.sh"), "1000000000");
        var huge = await w.QsubAsync("-l", "walltime=00:10:00", Repository.Jobs("ckpt_primes.py"), "100000000", BallastMib.ToString(CultureInfo.InvariantCulture));
        var small = await w.QsubAsync(Repository.Jobs("ckpt-sum.sh"), "1000000000");
        try
        {
            foreach (var id in new[] { filler, huge, small })
            {
                Assert.Equal("node1", await RunningNodeAsync(w, id));
            }

            var ballast = Path.Combine(w.Home, "spool", "node1", $"{huge}-0", "checkpoint", "ballast.bin");

            // The planner prices a move by the checkpoint directory as its node last sampled it, and the loads reach
            // rank 0 a tick or two late: the nodes come back only once the whole ballast has been there for 5 ticks.
            await w.WaitForAsync(() => Task.FromResult(File.Exists(ballast) && new FileInfo(ballast).Length == (long)BallastMib << 20
                    && TimeProvider.System.GetUtcNow() - File.GetLastWriteTimeUtc(ballast) >= BallastSettled),
                TimeSpan.FromSeconds(90), $"job {huge} to write its {BallastMib} MiB ballast and the nodes to sample it");

            await OkAsync(w, "pbsnodes", "-c", "node2", "node3");

            await w.WaitForAsync(async () => (await w.JobAsync(small)).Tasks[0].Migrations >= 1, TimeSpan.FromSeconds(45),
                $"the small, long job {small} to move off the overloaded node1");
            await AssertStaysAsync(w, huge, "node1", $"has a {BallastMib} MiB checkpoint at 0.08 s a page and at most 10 minutes of work left, so a move cannot pay");
            Assert.DoesNotContain($"migrating {huge}[0]", w.Server.Output, StringComparison.Ordinal);
        }
        finally
        {
            await QdelQuietlyAsync(w, filler, huge, small);
        }
    }
}
