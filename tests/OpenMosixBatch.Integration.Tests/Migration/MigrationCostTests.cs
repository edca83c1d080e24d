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
    /// <summary>1 GiB of ballast: with the default tunables a move of it costs about 200 s, far above what it can gain.</summary>
    private const int BallastMib = 1024;

    [Fact(Skip = "timing-fragile under CI load: writing the 1 GiB ballast took over 30 s in one fresh-clone CI run of 2026-12-03 (passed in the run before); needs a smaller ballast with a cost the planner still refuses, or a ballast written before the walltime clock matters")]
    public async Task HugeCheckpoint_WithLittleWorkLeft_IsNotMoved_WhileASmallLongTaskFromTheSameNodeIs()
    {
        await using var w = await WorldServer.StartWithClusterAsync(OverloadedCluster, "--cpu-threshold", "100");
        await OkAsync(w, "pbsnodes", "-o", "node2", "node3");

        // On node1: a busy task that never moves (no checkpoints), a checkpointing task whose walltime says it is
        // nearly done and whose checkpoint directory holds 1 GiB, and a checkpointing task with an hour to go.
        var filler = await w.QsubAsync(Repository.Jobs("cpu-bound.sh"), "1000000000");
        var huge = await w.QsubAsync("-l", "walltime=00:00:45", Repository.Jobs("ckpt_primes.py"), "100000000", BallastMib.ToString(CultureInfo.InvariantCulture));
        var small = await w.QsubAsync(Repository.Jobs("ckpt-sum.sh"), "1000000000");
        try
        {
            foreach (var id in new[] { filler, huge, small })
            {
                Assert.Equal("node1", await RunningNodeAsync(w, id));
            }

            var ballast = Path.Combine(w.Home, "spool", "node1", $"{huge}-0", "checkpoint", "ballast.bin");
            await w.WaitForAsync(() => Task.FromResult(File.Exists(ballast) && new FileInfo(ballast).Length == (long)BallastMib << 20),
                TimeSpan.FromSeconds(30), $"job {huge} to write its {BallastMib} MiB ballast");

            await OkAsync(w, "pbsnodes", "-c", "node2", "node3");

            await w.WaitForAsync(async () => (await w.JobAsync(small)).Tasks[0].Migrations >= 1, TimeSpan.FromSeconds(30),
                $"the small, long job {small} to move off the overloaded node1");
            await AssertStaysAsync(w, huge, "node1", "has a 1 GiB checkpoint and at most 45 s of work left, so a move cannot pay");
            Assert.DoesNotContain($"migrating {huge}[0]", w.Server.Output, StringComparison.Ordinal);
        }
        finally
        {
            await QdelQuietlyAsync(w, filler, huge, small);
        }
    }
}
