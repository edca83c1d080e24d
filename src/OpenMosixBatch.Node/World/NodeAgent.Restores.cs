using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Execution;

namespace OpenMosixBatch.Node.World;

// Starting a task from a checkpoint: from the copy this node holds (its own packing, a migration's copy), else from the
// server's committed copy fetched through rank 0. The runner checks the bytes against the order's SHA-256 before it
// unpacks; a local copy that fails is dropped for the server's, and only a server copy that fails marks the generation bad.
public sealed partial class NodeAgent
{
    private void StartOrRestore(WorldOrder order)
    {
        if (order.Restore is not { } restore)
        {
            runner.Start(StartOf(order, order.RestartCount > 0 ? order.RestartCount : null, null));
            return;
        }

        var key = new TaskKey(order.JobId, order.TaskIndex);
        _killed.TryRemove(key, out _);
        _restoring[key] = restore;
        var local = runner.Checkpoints.Find(order.JobId, order.TaskIndex, restore.Sha256);
        LogRestoreOrdered(order.JobId, order.TaskIndex, restore.Generation, local is not null);
        if (local is not null)
        {
            _localRestores[key] = order;
            var starting = time.GetTimestamp();
            runner.Start(StartOf(order, order.RestartCount, new RestoreArchive(local, restore.Sha256, restore.Generation)));
            LogRestoreLaunched(order.JobId, order.TaskIndex, time.GetElapsedTime(starting).TotalMilliseconds);
            return;
        }

        FetchRestore(order);
    }

    /// <summary>The runner's start of a Start order, with the task's cookie (<c>OMB_JOB_COOKIE</c>, for <c>omb rsh</c>).</summary>
    private static TaskStartOrder StartOf(WorldOrder order, int? restartCount, RestoreArchive? restore) =>
        new(order.Job!, order.TaskIndex, order.Nodes!, restartCount, restore) { Cookie = order.Cookie };

    /// <summary>Asks for the server's committed copy of the order's checkpoint; the start waits for it.</summary>
    private void FetchRestore(WorldOrder order)
    {
        _awaitingRestore[new TaskKey(order.JobId, order.TaskIndex)] = order;
        if (link is not null)
        {
            Track(FetchForAsync(order, transport.Rank));
        }
        else
        {
            transport.Send(0, RankTags.Fetch, order);
        }
    }

    private void ResumeAwaiting(long jobId, int taskIndex, string sha)
    {
        if (_awaitingRestore.TryRemove(new TaskKey(jobId, taskIndex), out var order) && order.Restore is { } restore
            && runner.Checkpoints.Find(jobId, taskIndex, sha) is { } local && restore.Sha256 == sha)
        {
            runner.Start(StartOf(order, order.RestartCount, new RestoreArchive(local, sha, restore.Generation)));
        }
    }

    /// <summary>
    /// The runner refused a restore (and removed the task's copies here). From a local copy, which was never checked
    /// against the server's (a migration's copy comes straight from the source rank), the server's copy is fetched: the
    /// generation may be sound. From the server's copy, the server hears Lost with the generation, which it marks bad.
    /// </summary>
    private TaskEvent? RestoreFailed(TaskRestoreFailed failure)
    {
        var key = new TaskKey(failure.JobId, failure.TaskIndex);
        if (_localRestores.TryRemove(key, out var order) && _restoring.ContainsKey(key))
        {
            LogLocalCopyRefused(failure.JobId, failure.TaskIndex, failure.Reason);
            FetchRestore(order);
            return null;
        }

        return new TaskEvent(TaskEventKind.Lost, failure.JobId, failure.TaskIndex, sampler.NodeName, time.GetUtcNow(), Reason: failure.Reason,
            Checkpoint: TakeRestoring(failure.JobId, failure.TaskIndex));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "this node's copy of the checkpoint of {JobId}[{TaskIndex}] was refused ({Reason}); fetching the server's")]
    private partial void LogLocalCopyRefused(long jobId, int taskIndex, string reason);
}
