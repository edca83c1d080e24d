using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.World;

namespace OpenMosixBatch.Node.World;

// A checkpoint exit leaving its node: the migration target's copy and the upload to the server go out together (the
// target only starts from its copy once the server has committed it, on the Start(Restore) that follows the commit);
// when the target is rank 0 itself, the one upload copy is also the migration's.
public sealed partial class NodeAgent
{
    /// <summary>Starts shipping a checkpoint exit; the Checkpointed event follows from rank 0 once the server committed it.</summary>
    private TaskEvent? Ship(TaskCheckpointed c)
    {
        Move(new TaskKey(c.JobId, c.TaskIndex), new CheckpointMoveEvent.Exited(c.Cause), c);
        return null;
    }

    private async Task ShipAsync(TaskCheckpointed c, MoveTarget? migration)
    {
        var node = sampler.NodeName;
        var key = new TaskKey(c.JobId, c.TaskIndex);
        using var shipment = CancellationTokenSource.CreateLinkedTokenSource(_shipping.Token);
        string? failure = null;
        var copy = Task.CompletedTask;
        try
        {
            // Deleted between its exit and now: the Kill found no process and the archive may already be gone.
            if (!_moves.Change(key, old => old is { State.Phase: CheckpointMovePhase.Shipping } ? (old with { Shipment = shipment }, true) : (old, false)))
            {
                throw new OperationCanceledException("the task was killed before its checkpoint left");
            }

            // Rank 0 keeps an upload it received for a migration to its own node (UploadThenDropAsync): no second copy.
            if (c.Cause == CheckpointCause.Migration && migration is { } move && move.Rank != transport.Rank && (move.Rank != 0 || link is not null))
            {
                copy = CopyToTargetAsync(c, move.Rank, node, shipment.Token);
            }

            var upload = new CheckpointShipment(ShipmentPurpose.Upload, c.JobId, c.TaskIndex, c.Sha256, 0, c.Cause, c.Target, node);
            if (link is not null)
            {
                failure = await UploadAsync(c.ArchivePath, upload, shipment.Token).ConfigureAwait(false);
            }
            else
            {
                var sending = time.GetTimestamp();
                if (!await SendFileAsync(0, c.ArchivePath, upload, shipment.Token).ConfigureAwait(false))
                {
                    failure = "rank 0 did not receive the whole checkpoint";
                }
                else
                {
                    LogCopyDelivered(c.JobId, c.TaskIndex, ShipmentPurpose.Upload, 0, time.GetElapsedTime(sending).TotalMilliseconds);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException or ApiException)
        {
            // qdel removed the archive or cancelled the shipment (the move's machine says so), the server refused it
            // (task finished), or the world is stopping.
            failure = e.Message;
        }

        // The copy reads the archive until it is through; it never throws (its failures are logged).
        await copy.ConfigureAwait(false);
        Move(key, new CheckpointMoveEvent.ShipmentEnded(failure), c);
    }

    /// <summary>
    /// Sends the migration target its copy, so the Start(Restore) that follows the commit needs no download. A copy that
    /// does not arrive whole costs only time: the target then fetches the committed one from the server.
    /// </summary>
    private async Task CopyToTargetAsync(TaskCheckpointed c, int targetRank, string node, CancellationToken ct)
    {
        var copy = new CheckpointShipment(ShipmentPurpose.Migrate, c.JobId, c.TaskIndex, c.Sha256, 0, c.Cause, c.Target, node);
        var sending = time.GetTimestamp();
        try
        {
            if (await SendFileAsync(targetRank, c.ArchivePath, copy, ct).ConfigureAwait(false))
            {
                LogCopyDelivered(c.JobId, c.TaskIndex, ShipmentPurpose.Migrate, targetRank, time.GetElapsedTime(sending).TotalMilliseconds);
            }
            else
            {
                LogShipFailed(c.JobId, c.TaskIndex, targetRank, "the target did not receive its whole copy; it will fetch from the server");
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The target gave up on its copy, the task was deleted (the upload says so), or the world is stopping.
            LogShipFailed(c.JobId, c.TaskIndex, targetRank, e.Message + "; it will fetch from the server");
        }
    }

    private async Task<bool> SendFileAsync(int rank, string path, CheckpointShipment shipment, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.SequentialScan);
        return await Blobs.SendAsync(rank, file, file.Length, shipment.Format(), shipment.Sha256, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Rank 0: PUTs the checkpoint until the server commits it, then reports Checkpointed. Returns null then, else why
    /// it was not committed: the file is gone (qdel) or the server refused it. Retries while the server is away.
    /// </summary>
    private async Task<string?> UploadAsync(string path, CheckpointShipment s, CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        var uploading = time.GetTimestamp();
        while (true)
        {
            try
            {
                var committed = await link!.PutCheckpointAsync(s.JobId, s.TaskIndex, path, s.Sha256, ct).ConfigureAwait(false);
                LogCommitted(s.JobId, s.TaskIndex, committed.Generation, time.GetElapsedTime(uploading).TotalMilliseconds);
                link.Enqueue(new TaskEvent(TaskEventKind.Checkpointed, s.JobId, s.TaskIndex, s.Node, time.GetUtcNow(), Checkpoint: committed, Cause: s.Cause, Target: s.Target));
                return null;
            }
            catch (FileNotFoundException)
            {
                return "its packed checkpoint was removed before the upload (the task was deleted)";
            }
            catch (ApiException e) when (e.Error.Kind is not (ApiErrorKind.Unavailable or ApiErrorKind.StorageFull))
            {
                return "the server refused it: " + e.Message;
            }
            catch (Exception e) when (e is ServerUnreachableException or HttpRequestException or ApiException
                || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                // Away, full, or a request that timed out on a loaded machine: the same bytes go again.
                LogUploadRetry(s.JobId, s.TaskIndex, e.Message, backoff.TotalMilliseconds);
            }

            await Task.Delay(backoff, time, ct).ConfigureAwait(false);
            backoff = backoff * 2 > MaxUploadBackoff ? MaxUploadBackoff : backoff * 2;
        }
    }

    /// <summary>Rank 0: uploads a checkpoint another rank shipped here; one that is not committed is reported Lost for that rank's node.</summary>
    private async Task UploadThenDropAsync(string path, CheckpointShipment s)
    {
        string? failure;
        try
        {
            failure = await UploadAsync(path, s, _shipping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            failure = e.Message;
        }

        if (failure is not null)
        {
            ReportNotCommitted(s.JobId, s.TaskIndex, s.Node, -1, failure);
        }

        if (failure is not null || !(s.Cause == CheckpointCause.Migration && s.Target == sampler.NodeName))
        {
            File.Delete(path);
        }
    }
}
