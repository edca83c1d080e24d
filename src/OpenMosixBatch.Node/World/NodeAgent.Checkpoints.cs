using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Node.Execution;
using OpenMosixBatch.Transport.Mpi.Blobs;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.World;

namespace OpenMosixBatch.Node.World;

// Checkpoints between ranks: a checkpoint exit is shipped (to a migration's target rank, and to rank 0, which PUTs it
// to the server and only then reports Checkpointed); a Start with Restore is served from this node's store, else
// fetched through rank 0 from the server.
public sealed partial class NodeAgent
{
    private static readonly TimeSpan MaxUploadBackoff = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _shipping = new();
    // Every shipment, upload and fetch still running: RunAsync waits for them before the agent (and _shipping) is
    // disposed, so none of them touches a disposed token source.
    private readonly ConcurrentDictionary<Task, byte> _transfers = new();
    private readonly BlobTransfer _blobTransfer = new(transport.SendBytes, RankTags.Blob, _ => runner.Checkpoints.NewTemporary(), stayHot: transport.StayHot);

    private BlobTransfer Blobs => _blobTransfer;

    /// <summary>Releases the shipping cancellation (after <see cref="RunAsync"/> has returned).</summary>
    public void Dispose() => _shipping.Dispose();

    /// <summary>qdel or a restart elsewhere: nothing of the task may stay here, neither waiting starts nor packed checkpoints.</summary>
    private void ForgetTask(long jobId, int taskIndex)
    {
        var key = new TaskKey(jobId, taskIndex);
        Restore(key, new TaskRestoreEvent.Deleted());
        Move(key, new CheckpointMoveEvent.Deleted());
        runner.Checkpoints.RemoveTask(jobId, taskIndex);
    }

    /// <summary>Keeps <paramref name="transfer"/> in <see cref="_transfers"/> until it completes.</summary>
    private void Track(Task transfer)
    {
        _transfers[transfer] = 0;
        _ = transfer.ContinueWith(static (t, all) => ((ConcurrentDictionary<Task, byte>)all!).TryRemove(t, out _), _transfers,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits (at most <paramref name="limit"/>) for the transfers still running once <see cref="_shipping"/> was cancelled.</summary>
    private async Task DrainTransfersAsync(TimeSpan limit) =>
        await Task.WhenAll(_transfers.Keys).WaitAsync(limit, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    /// <summary>
    /// A checkpoint exit that will never be committed (the shipment or the upload failed, or qdel removed it): its
    /// process is gone and no Checkpointed will come, so the server hears Lost from the task's node. A deleted task
    /// ends deleted; any other resumes from its last committed generation (or reruns), never hangs in M or E.
    /// </summary>
    private void ReportNotCommitted(long jobId, int taskIndex, string node, int rank, string reason)
    {
        LogShipFailed(jobId, taskIndex, rank, reason);
        SendEvent(new TaskEvent(TaskEventKind.Lost, jobId, taskIndex, node, time.GetUtcNow(),
            Reason: $"its checkpoint exit could not be committed ({reason})"));
    }

    /// <summary>Rank 0: GETs the checkpoint a Start(Restore) names and ships it to <paramref name="rank"/> (or starts it here).</summary>
    private async Task FetchForAsync(WorldOrder order, int rank)
    {
        var restore = order.Restore!;
        var temporary = runner.Checkpoints.NewTemporary();
        try
        {
            var sha = await GetWhileServerAwayAsync(order, temporary, local: rank == transport.Rank).ConfigureAwait(false);
            if (rank == transport.Rank)
            {
                // Filed under the hash the order names; the runner checks the bytes against it before unpacking.
                runner.Checkpoints.Commit(temporary, order.JobId, order.TaskIndex, restore.Sha256);
                CopyArrived(order.JobId, order.TaskIndex, restore.Sha256);
                return;
            }

            var shipment = new CheckpointShipment(ShipmentPurpose.Restore, order.JobId, order.TaskIndex, restore.Sha256, restore.Generation, CheckpointCause.Periodic, null, sampler.NodeName);
            await SendFileAsync(rank, temporary, shipment, _shipping.Token).ConfigureAwait(false);
            LogFetched(order.JobId, order.TaskIndex, restore.Generation, sha == restore.Sha256);
        }
        catch (Exception e) when (e is ServerUnreachableException or HttpRequestException or ApiException or IOException or OperationCanceledException or InvalidOperationException)
        {
            LogShipFailed(order.JobId, order.TaskIndex, rank, "could not fetch the checkpoint from the server: " + e.Message);
            var reason = $"checkpoint generation {restore.Generation} of {order.JobId}[{order.TaskIndex}] could not be fetched: {e.Message}";
            if (rank == transport.Rank)
            {
                // Reported only while the start still waits for it (not once qdel withdrew it).
                Restore(new TaskKey(order.JobId, order.TaskIndex), new TaskRestoreEvent.FetchFailed(reason));
                return;
            }

            SendEvent(new TaskEvent(TaskEventKind.Lost, order.JobId, order.TaskIndex, order.Nodes?[0] ?? sampler.NodeName, time.GetUtcNow(), Reason: reason));
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>GETs the checkpoint, waiting out a server that is away (as events do); the server's refusal ends it.</summary>
    private async Task<string> GetWhileServerAwayAsync(WorldOrder order, string path, bool local)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await link!.GetCheckpointAsync(order.JobId, order.TaskIndex, order.Restore!.Generation, path, _shipping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ServerUnreachableException or HttpRequestException or ApiException { Error.Kind: ApiErrorKind.Unavailable or ApiErrorKind.StorageFull })
            {
                LogUploadRetry(order.JobId, order.TaskIndex, "fetch: " + e.Message, backoff.TotalMilliseconds);
            }

            if (local && !AwaitsCopy(new TaskKey(order.JobId, order.TaskIndex)))
            {
                throw new OperationCanceledException($"the start of {order.JobId}[{order.TaskIndex}] was withdrawn");
            }

            await Task.Delay(backoff, time, _shipping.Token).ConfigureAwait(false);
            backoff = backoff * 2 > MaxUploadBackoff ? MaxUploadBackoff : backoff * 2;
        }
    }

    private async Task ReceiveBlobsAsync()
    {
        await foreach (var blob in Blobs.Received.ReadAllAsync().ConfigureAwait(false))
        {
            // The transfer does not hash: a received file is filed under the hash its key names and checked against it
            // by whoever uses it, the runner before it unpacks (CheckpointArchive.Unpack) and the server before it
            // stores an upload. A file whose bytes do not match is therefore never restored nor committed.
            var parsed = CheckpointShipment.Parse(blob.Key);
            if (parsed is not { } s || !blob.Complete || (s.Purpose != ShipmentPurpose.Upload && _restores.Find(new TaskKey(s.JobId, s.TaskIndex)) is { State.AcceptsCopies: false }))
            {
                LogBadBlob(blob.Key, blob.Source, blob.Complete);
                File.Delete(blob.Path);
                if (parsed is { Purpose: ShipmentPurpose.Restore } r && !blob.Complete)
                {
                    // Never restored (if a start still waited for it); the server falls back to the generation before.
                    Restore(new TaskKey(r.JobId, r.TaskIndex), new TaskRestoreEvent.CopyNotReceived(
                        $"checkpoint generation {r.Generation} of {r.JobId}[{r.TaskIndex}] could not be received from rank {blob.Source}"));
                }

                continue;
            }

            var path = runner.Checkpoints.Commit(blob.Path, s.JobId, s.TaskIndex, s.Sha256);
            switch (s.Purpose)
            {
                case ShipmentPurpose.Upload when link is not null:
                    Track(UploadThenDropAsync(path, s));
                    break;
                case ShipmentPurpose.Restore:
                    CopyArrived(s.JobId, s.TaskIndex, s.Sha256);
                    break;
                default:
                    // A migration's copy: kept until the Start(Restore) for this node, or the task's Kill. That order
                    // follows the server's commit shortly: seen at once, not at the next backed-off poll.
                    transport.StayHot(MoveHotPeriod);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "checkpoint of {JobId}[{TaskIndex}] not shipped to rank {Rank}: {Reason}")]
    private partial void LogShipFailed(long jobId, int taskIndex, int rank, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "moving the checkpoint of {JobId}[{TaskIndex}] to or from the server failed ({Reason}); retrying in {Milliseconds} ms")]
    private partial void LogUploadRetry(long jobId, int taskIndex, string reason, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "fetched checkpoint generation {Generation} of {JobId}[{TaskIndex}] from the server (server hash matches the order: {Matches})")]
    private partial void LogFetched(long jobId, int taskIndex, int generation, bool matches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "dropped checkpoint blob '{Key}' from rank {Source} (received whole: {Complete})")]
    private partial void LogBadBlob(string key, int source, bool complete);
}
