using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using static OpenMosixBatch.Integration.Tests.Migration.MigrationSteps;

namespace OpenMosixBatch.Integration.Tests.Migration;

/// <summary>
/// Run-home tasks (<c>qsub -l migratable=false</c>, <c>#OMB --run-home</c>, like openMosix's <c>mosrun -h</c>) on a
/// real world: they checkpoint, yet neither the planner, nor an expel, nor <c>omb migrate</c> moves them, while a
/// migratable sibling on the same overloaded node does move.
/// </summary>
[Collection("World")]
public sealed class RunHomeTests
{
    private const string Work = "1000000000";

    [Fact]
    public async Task RunHomeTasks_NeverMove_WhileAMigratableSiblingDoes_AndOmbMigrateRefusesThem()
    {
        await using var w = await WorldServer.StartWithClusterAsync(OverloadedCluster, "--cpu-threshold", "100");
        await OkAsync(w, "pbsnodes", "-o", "node2", "node3");

        // The same checkpointing program three times: pinned by -l, pinned by a directive in the script, and free.
        var script = File.ReadAllText(Repository.Jobs("ckpt-sum.sh"));
        var runHomeScript = Path.Combine(w.WorkDirectory, "ckpt-sum-home.sh");
        File.WriteAllText(runHomeScript, script.Replace("#PBS -c enabled\n", "#PBS -c enabled\n#OMB --run-home\n", StringComparison.Ordinal));
        var pinned = await w.QsubAsync("-l", "migratable=false", Repository.Jobs("ckpt-sum.sh"), Work);
        var home = await w.QsubAsync(runHomeScript, Work);
        var free = await w.QsubAsync(Repository.Jobs("ckpt-sum.sh"), Work);
        try
        {
            foreach (var id in new[] { pinned, home, free })
            {
                Assert.Equal("node1", await RunningNodeAsync(w, id));
            }

            foreach (var id in new[] { pinned, home })
            {
                var full = await OkAsync(w, "qstat", "-f", id);
                Assert.Contains("Resource_List.migratable = False", full.Stdout, StringComparison.Ordinal);
                Assert.Contains("checkpoint = enabled", full.Stdout, StringComparison.Ordinal);
            }

            await OkAsync(w, "pbsnodes", "-c", "node2", "node3");
            await w.WaitForAsync(async () => (await w.JobAsync(free)).Tasks[0].Migrations >= 1, TimeSpan.FromSeconds(30),
                $"the migratable sibling {free} to move off the overloaded node1");
            foreach (var id in new[] { pinned, home })
            {
                await AssertStaysAsync(w, id, "node1", "runs home");
            }

            foreach (var id in new[] { pinned, home })
            {
                var migrate = await w.Omb.RunAsync("migrate", id, "node3");
                Assert.True(migrate.ExitCode == 1, $"omb migrate of the run-home job {id}: {migrate}");
                Assert.Equal($"omb migrate: job {id} runs home (-l migratable=false or #OMB --run-home): it never moves once started", migrate.Stderr.Trim());
                Assert.Equal("", migrate.Stdout);
            }

            // Expelling their node moves every migratable task away regardless of gain; not these.
            await OkAsync(w, "node", "expel", "node1");
            foreach (var id in new[] { pinned, home })
            {
                await AssertStaysAsync(w, id, "node1", "runs home even when its node is expelled");
            }

            Assert.DoesNotContain($"migrating {pinned}[0]", w.Server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain($"migrating {home}[0]", w.Server.Output, StringComparison.Ordinal);
            Assert.Equal(JobState.Running, (await w.JobAsync(free)).State);
        }
        finally
        {
            await QdelQuietlyAsync(w, pinned, home, free);
        }
    }
}
