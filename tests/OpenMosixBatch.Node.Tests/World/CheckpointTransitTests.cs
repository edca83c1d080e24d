using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Checkpoints;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Node.Procfs;
using OpenMosixBatch.Node.Tests.Execution;
using OpenMosixBatch.Node.World;
using OpenMosixBatch.Transport.Mpi.Blobs;

namespace OpenMosixBatch.Node.Tests.World;

/// <summary>
/// A packed checkpoint sent through two real <see cref="BlobTransfer"/>s wired back to back (as between two ranks, without
/// MPI) and filed in the receiving node's store under the hash its shipment names, as the target of a migration does.
/// The transfer does not hash; the runner's unpack does, so bytes damaged on the way are never restored.
/// </summary>
public sealed class CheckpointTransitTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-ckpt-transit-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task ByteFlippedInTransit_IsNeverRestored_TheRunnerReportsTheHashMismatchAndStartsNothing()
    {
        var (runner, restore) = await ShipAsync(flipInTransit: true);

        var failed = await NextReportAsync(runner);

        var refused = Assert.IsType<TaskRestoreFailed>(failed);
        Assert.Equal("checkpoint generation 2 of 21[0] failed its SHA-256 check", refused.Reason);
        Assert.Equal(0, runner.RunningCount);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "restored")));
        Assert.False(File.Exists(restore.Path), "the refused copy stays in the node's store");
    }

    [Fact]
    public async Task IntactInTransit_IsRestored()
    {
        var (runner, _) = await ShipAsync(flipInTransit: false);

        Assert.IsType<TaskStarted>(await NextReportAsync(runner));
        Assert.IsType<TaskEnded>(await NextReportAsync(runner));
        Assert.Equal("10 55 0\n", await File.ReadAllTextAsync(Path.Combine(_dir.FullName, "restored")));
    }

    /// <summary>Packs a checkpoint, sends it rank 0 → rank 1 (flipping a byte of its second chunk when asked), files it, and starts a task restoring it.</summary>
    private async Task<(TaskRunner Runner, RestoreArchive Restore)> ShipAsync(bool flipInTransit)
    {
        var state = Path.Combine(_dir.FullName, "state");
        Directory.CreateDirectory(state);
        await File.WriteAllTextAsync(Path.Combine(state, "state"), "10 55 0\n");
        await File.WriteAllBytesAsync(Path.Combine(state, "ballast"), RandomBytes(20_000));
        var packed = Path.Combine(_dir.FullName, "packed.tar");
        var sha = CheckpointArchive.Pack(state, packed);

        var runner = new TaskRunner("b", 1, new TaskSpool(Path.Combine(_dir.FullName, "b")), new ProcfsReader(), TimeProvider.System, TimeSpan.FromSeconds(1), RunAsSettings.ForThisProcess(allowRootJobs: true));
        var options = new BlobTransferOptions { ChunkBytes = 4096, WindowChunks = 2 };
        BlobTransfer receiver = null!;
        var dataFrames = 0;
        var sender = new BlobTransfer((_, tag, frame) =>
        {
            if (flipInTransit && frame[0] == (byte)BlobFrameKind.Data && ++dataFrames == 2)
            {
                frame[BlobFrame.HeaderLength + 100] ^= 0x04;
            }

            receiver.Handle(0, tag, frame);
        }, 9, _ => Path.Combine(_dir.FullName, "unused"), options);
        receiver = new BlobTransfer((_, tag, frame) => sender.Handle(1, tag, frame), 9, _ => runner.Checkpoints.NewTemporary(), options);
        var shipment = new CheckpointShipment(ShipmentPurpose.Migrate, 21, 0, sha, 0, CheckpointCause.Migration, "b", "a");
        await using (var file = File.OpenRead(packed))
        {
            Assert.True(await sender.SendAsync(1, file, file.Length, shipment.Format(), sha));
        }

        Assert.True(receiver.Received.TryRead(out var blob));
        var received = CheckpointShipment.Parse(blob.Key)!;
        var path = runner.Checkpoints.Commit(blob.Path, received.JobId, received.TaskIndex, blob.Sha256);
        var restore = new RestoreArchive(path, received.Sha256, 2);
        runner.Start(new TaskStartOrder(Job(), 0, ["b"], RestartCount: 2, Restore: restore));
        return (runner, restore);
    }

    private static async Task<TaskReport> NextReportAsync(TaskRunner runner)
    {
        using var cts = new CancellationTokenSource(Deadline);
        return await runner.Reports.ReadAsync(cts.Token);
    }

    private Job Job() => RunnerJobs.Running(
        21,
        _dir.FullName,
        $"#!/bin/sh\ncp \"$OMB_CHECKPOINT_DIR/state\" '{Path.Combine(_dir.FullName, "restored")}'\n",
        checkpoint: new CheckpointPolicy(CheckpointMode.Enabled));

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
