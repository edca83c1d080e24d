using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;
using static OpenMosixBatch.Integration.Tests.Migration.MigrationSteps;

namespace OpenMosixBatch.Integration.Tests.Migration;

/// <summary>
/// The MPI transfer of a migration's checkpoint does not hash what it receives; the target checks the bytes when it
/// unpacks. A byte flipped in the target's copy (as bad memory or a bad disk on the target would) is refused there, the
/// task is not restored from it, and the server's committed copy of the same generation is fetched instead: the
/// generation is not marked bad and the task resumes from it.
/// </summary>
[Collection("World")]
public sealed class CorruptMigrationCopyTests
{
    private const int BallastMib = 64;

    [Fact]
    public async Task FlippedByteInTheTargetsCopy_IsRefusedAtUnpack_AndTheServersCopyOfTheSameGenerationIsRestored()
    {
        await using var w = await WorldServer.StartAsync(3, 2, "4gb", "--no-migration");
        var id = await w.QsubAsync(Repository.Jobs("ckpt-ballast.sh"), BallastMib.ToString(System.Globalization.CultureInfo.InvariantCulture), "15");
        using var stop = new CancellationTokenSource();
        try
        {
            var node = await RunningNodeAsync(w, id);

            // Not node1: rank 0 also receives the upload's copy into its store, under the same name, which would mend the flip.
            var target = node == "node2" ? "node3" : "node2";
            var ballast = Path.Combine(w.Home, "spool", node, $"{id}-0", "checkpoint", "ballast");
            await w.WaitForAsync(() => Task.FromResult(File.Exists(ballast)), TimeSpan.FromSeconds(60), $"job {id} to write its ballast");

            // The copy lands in the target's store before the server has committed the upload (which rank 0 sends on
            // only after the target has its copy); the Start(Restore) for the target comes after that commit.
            var store = Path.Combine(w.Home, "spool", target + ".checkpoints");
            var flipped = Task.Run(() => FlipOneByteOfTheFirstCopyAsync(store, $"{id}-0-*.tar", stop.Token));
            await OkAsync(w, "migrate", id, target);
            var copy = await flipped.WaitAsync(TimeSpan.FromSeconds(90));

            await w.WaitForAsync(async () => (await w.JobAsync(id)) is { State: JobState.Running } j && j.Tasks[0] is { SessionId: not null } t && t.Node?.ToString() == target && t.Migrations == 1,
                TimeSpan.FromSeconds(90), $"job {id} to run on {target} after the move");
            var done = await w.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));

            Assert.Equal(JobState.Completed, done.State);
            var output = File.ReadAllText(Path.Combine(w.WorkDirectory, $"ckpt-ballast.o{id}")).Trim();
            Assert.Equal($"ballast {(long)BallastMib << 20} bytes intact yes resumes 1 restart_count 1", output);
            Assert.Empty(done.Tasks[0].BadGenerations);
            var log = w.Server.Output + File.ReadAllText(Path.Combine(w.Home, "world.log"));
            Assert.True(log.Contains($"this node's copy of the checkpoint of {id}[0] was refused", StringComparison.Ordinal),
                $"the target's damaged copy ({copy}) was not refused at unpack:\n{log}");
            Assert.DoesNotContain("failed its SHA-256 check on the server", log, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await QdelQuietlyAsync(w, id);
        }
    }

    /// <summary>Waits for the first file matching <paramref name="pattern"/> in <paramref name="directory"/>, flips one byte in its middle, returns its path.</summary>
    private static async Task<string> FlipOneByteOfTheFirstCopyAsync(string directory, string pattern, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var copy = Directory.Exists(directory) ? Directory.EnumerateFiles(directory, pattern).FirstOrDefault() : null;
            if (copy is not null)
            {
                await using var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                file.Position = file.Length / 2;
                var b = file.ReadByte();
                file.Position = file.Length / 2;
                file.WriteByte((byte)(b ^ 0x01));
                return copy;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System, ct);
        }
    }
}
