using System.Diagnostics;
using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using static OpenMosixBatch.Integration.Tests.Migration.MigrationSteps;

namespace OpenMosixBatch.Integration.Tests.Migration;

/// <summary>
/// qdel of a task in state M, on a real world, at the moments a move can be caught: while the task is still working
/// towards its checkpoint on the source, while it packs its checkpoint, and while the packed checkpoint is in flight
/// (process gone, bytes between the source, the target and the server). Every way nothing may stay: no process, no
/// spool folder or packed checkpoint on any node, the job X, and its generations deleted from the server's store.
/// </summary>
[Collection("World")]
public sealed class QdelDuringMigrationTests
{
    [Fact]
    public async Task Qdel_WhileTheTaskIsStillWorkingTowardsItsCheckpoint_LeavesNothingBehind()
    {
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--no-migration");

        // Steps of 2,000,000: it answers the checkpoint signal only at the end of a step, seconds later.
        var id = await w.QsubAsync(Repository.Jobs("ckpt-sum.sh"), "1000000000", "2000000");
        try
        {
            var source = await RunningNodeAsync(w, id);
            var target = source == "node1" ? "node2" : "node1";

            // A first move gives the store a generation to clean up.
            await OkAsync(w, "migrate", id, target);
            await w.WaitForAsync(async () => (await w.JobAsync(id)).Tasks[0] is { State: JobState.Running, SessionId: not null, Migrations: 1 },
                TimeSpan.FromSeconds(60), $"job {id} to run on {target}");
            Assert.True(File.Exists(Path.Combine(StoreOf(w, id), "0", "1")), "generation 1 is not in the server's store");

            var session = (await w.JobAsync(id)).Tasks[0].SessionId!.Value;
            await OkAsync(w, "migrate", id, "node3");
            await w.WaitForAsync(async () => (await w.JobAsync(id)).State == JobState.Migrating, TimeSpan.FromSeconds(20), $"job {id} to show M");
            Assert.True(ProcStat.IsAlive(session), "the task checkpointed before the qdel: its steps are too short for this test");

            await OkAsync(w, "qdel", id);

            await AssertNothingLeftAsync(w, id);
        }
        finally
        {
            await QdelQuietlyAsync(w, id);
        }
    }

    [Fact]
    public async Task Qdel_WhileItsCheckpointIsInFlight_LeavesNothingBehind()
    {
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--no-migration");

        // 512 MiB of ballast: packing, sending and storing it keeps the move in flight for seconds after the exit.
        var id = await w.QsubAsync(Repository.Jobs("ckpt_primes.py"), "100000000", "512");
        try
        {
            var source = await RunningNodeAsync(w, id);
            var ballast = Path.Combine(w.Home, "spool", source, $"{id}-0", "checkpoint", "ballast.bin");
            await w.WaitForAsync(() => Task.FromResult(File.Exists(ballast)), TimeSpan.FromSeconds(40), $"job {id} to write its ballast");
            var session = (await w.JobAsync(id)).Tasks[0].SessionId!.Value;

            await OkAsync(w, "migrate", id, source == "node1" ? "node2" : "node1");
            var clock = Stopwatch.StartNew();
            Job job;
            while ((job = await w.JobAsync(id)).State == JobState.Running || ProcStat.IsAlive(session))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"job {id} did not checkpoint for its move; state {job.State.Letter()}");
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
            }

            Assert.True(job.State == JobState.Migrating, $"job {id} finished its move before the qdel: state {job.State.Letter()}");
            await OkAsync(w, "qdel", id);

            await AssertNothingLeftAsync(w, id);
        }
        finally
        {
            await QdelQuietlyAsync(w, id);
        }
    }

    [Fact]
    public async Task Qdel_WhileItsPackedCheckpointIsShipped_EndsTheJobDeleted_AndLeavesNothingBehind()
    {
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--no-migration");

        // 256 MiB of random ballast: once packed, its copy to the target and its upload to the server take seconds.
        var id = await w.QsubAsync(Repository.Jobs("ckpt-ballast.sh"), "256", "600");
        try
        {
            var source = await RunningNodeAsync(w, id);
            var ballast = Path.Combine(w.Home, "spool", source, $"{id}-0", "checkpoint", "ballast");
            await w.WaitForAsync(() => Task.FromResult(File.Exists(ballast)), TimeSpan.FromSeconds(60), $"job {id} to write its ballast");

            await OkAsync(w, "migrate", id, source == "node1" ? "node2" : "node1");

            // The packed archive appears in the source's store when packing ends: from then on the process is gone
            // and the move is only bytes on their way to the target and the server. That is when the qdel lands.
            var store = Path.Combine(w.Home, "spool", source + ".checkpoints");
            var clock = Stopwatch.StartNew();
            while (!Directory.Exists(store) || !Directory.EnumerateFiles(store, $"{id}-0-*.tar").Any())
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"job {id} was not packed for its move; state {(await w.JobAsync(id)).State.Letter()}");
                await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
            }

            var job = await w.JobAsync(id);
            Assert.True(job.State == JobState.Migrating && job.Tasks[0].StartTime is not null,
                $"job {id} finished its move before the qdel: state {job.State.Letter()}, started {job.Tasks[0].StartTime?.ToString("O", CultureInfo.InvariantCulture) ?? "not yet"}");
            await OkAsync(w, "qdel", id);

            await AssertNothingLeftAsync(w, id);
        }
        finally
        {
            await QdelQuietlyAsync(w, id);
        }
    }

    private static async Task AssertNothingLeftAsync(WorldServer w, string id)
    {
        var job = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(45));
        Assert.Equal(JobState.Deleted, job.State);
        var clock = Stopwatch.StartNew();
        while (Leftovers(w, id) is { Length: > 0 } left)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"job {id} is X but left {left}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        // And nothing comes back: a late start on the target or a late upload would show up now.
        await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System);
        Assert.Equal("", Leftovers(w, id));
        Assert.Equal(JobState.Deleted, (await w.JobAsync(id)).State);
    }

    /// <summary>What of the job is still there, or empty.</summary>
    private static string Leftovers(WorldServer w, string id)
    {
        var left = new List<string>();
        left.AddRange(ProcessesOf(w, id).Select(pid => "process " + pid.ToString(CultureInfo.InvariantCulture)));
        left.AddRange(NodeLeftovers(w, id));
        if (Directory.Exists(StoreOf(w, id)))
        {
            left.Add("store " + string.Join(", ", Directory.EnumerateFileSystemEntries(StoreOf(w, id), "*", SearchOption.AllDirectories)));
        }

        return string.Join("; ", left);
    }
}
