using System.Globalization;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using static OpenMosixBatch.Integration.Tests.Migration.MigrationSteps;

namespace OpenMosixBatch.Integration.Tests.Migration;

/// <summary>
/// The openMosix FAQ's warning made a test: bytes that rot in the checkpoint store must never be restored. Two moves
/// make two generations; one byte of the newest is flipped on the server's disk; the task's shepherd is killed (the task
/// is lost); the task resumes from the older generation and still sums exactly.
/// </summary>
[Collection("World")]
public sealed class CorruptCheckpointTests
{
    private const long N = 2_000_000;
    private static readonly string ExpectedSum = (N * (N + 1) / 2).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task FlippedByteInTheNewestGeneration_IsDetectedOnRestore_AndThePreviousGenerationIsUsed_WithTheExactSum()
    {
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--no-migration");
        var id = await w.QsubAsync(Repository.Jobs("ckpt-sum.sh"), N.ToString(CultureInfo.InvariantCulture));
        try
        {
            // Generation 1 holds "resumes 0" (written before the first move), generation 2 "resumes 1". The task ends
            // on node2 or node3, so the kill takes a compute rank, not rank 0 (the gateway to the server).
            var node = await RunningNodeAsync(w, id);
            foreach (var generation in new[] { 1, 2 })
            {
                var target = node == "node2" ? "node3" : "node2";
                await OkAsync(w, "migrate", id, target);
                await w.WaitForAsync(async () => (await w.JobAsync(id)) is { State: JobState.Running } j && j.Tasks[0] is { SessionId: not null } t && t.Node?.ToString() == target && t.Migrations == generation,
                    TimeSpan.FromSeconds(45), $"job {id} to run on {target} after move {generation}");
                node = target;
            }

            var job = await w.JobAsync(id);
            Assert.Equal([1, 2], job.Tasks[0].Checkpoints.Select(c => c.Generation));
            var newest = Path.Combine(StoreOf(w, id), "0", "2");
            var bytes = File.ReadAllBytes(newest);
            bytes[bytes.Length / 3] ^= 0x01;
            File.WriteAllBytes(newest, bytes);

            // Its shepherd is killed (a rank's death no longer restarts a task: the next rank adopts it): the task's
            // end is unknown, so it is lost and resumes from its newest generation that passes its hash check.
            var shepherd = ProcStat.ParentOf(job.Tasks[0].SessionId!.Value);
            Assert.Contains("omb-shepherd", File.ReadAllText($"/proc/{shepherd}/cmdline"), StringComparison.Ordinal);
            await ChildProcess.RunAsync("/bin/kill", ["-KILL", shepherd.ToString(CultureInfo.InvariantCulture)]);

            var done = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(75));
            Assert.Equal(JobState.Completed, done.State);
            var output = File.ReadAllText(Path.Combine(w.WorkDirectory, $"ckpt-sum.o{id}"));
            var fields = output.Split(' ', StringSplitOptions.TrimEntries);
            Assert.True(fields is ["sum", _, "expected", _, "resumes", _, "restart_count", _] && fields[1] == ExpectedSum && fields[3] == ExpectedSum, output);

            // Resumed once (from generation 1) rather than twice (from the damaged generation 2) or never.
            Assert.True(fields[5] == "1", $"the task did not resume from generation 1: {output}");
            Assert.Equal([2], done.Tasks[0].BadGenerations);
            Assert.Contains($"checkpoint generation 2 of {id}[0] failed its SHA-256 check", w.Server.Output, StringComparison.Ordinal);
            Assert.Contains($"resuming {id}[0] from checkpoint generation 1", w.Server.Output, StringComparison.Ordinal);
        }
        finally
        {
            await QdelQuietlyAsync(w, id);
        }
    }
}
