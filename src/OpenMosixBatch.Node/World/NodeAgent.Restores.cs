using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.World;
using OpenMosixBatch.Node.Execution;
using static OpenMosixBatch.Core.World.TaskRestoreAction;

namespace OpenMosixBatch.Node.World;

// Starting a task from a checkpoint: from the copy this node holds (its own packing, a migration's copy), else from the
// server's committed copy fetched through rank 0. Each task's restore is a TaskRestoreMachine (Core) fed here: the
// orders, the runner's reports and refusals, the copies' arrivals; the actions it returns are carried out here.
public sealed partial class NodeAgent
{
    private readonly TaskStateTable<TaskRestoreEntry> _restores = new();

    private void StartOrRestore(WorldOrder order)
    {
        var key = new TaskKey(order.JobId, order.TaskIndex);
        if (order.Restore is not { } restore)
        {
            Restore(key, new TaskRestoreEvent.PlainStartOrdered());
            runner.Start(StartOf(order, order.RestartCount > 0 ? order.RestartCount : null, null));
            return;
        }

        var local = runner.Checkpoints.Find(order.JobId, order.TaskIndex, restore.Sha256);
        LogRestoreOrdered(order.JobId, order.TaskIndex, restore.Generation, local is not null);
        Restore(key, new TaskRestoreEvent.Ordered(new RestorePoint(restore.Generation, restore.Sha256), local is not null), order, local);
    }

    /// <summary>
    /// Feeds <paramref name="e"/> to the restore machine of <paramref name="key"/> and carries out its actions;
    /// <paramref name="order"/> is a new start order, <paramref name="copy"/> the path of the copy the event is about.
    /// </summary>
    private void Restore(TaskKey key, TaskRestoreEvent e, WorldOrder? order = null, string? copy = null)
    {
        var (decision, current) = _restores.Change(key, old =>
        {
            var d = TaskRestoreMachine.Apply(old?.State ?? TaskRestoreState.Idle, e);
            var carried = order ?? old?.Order;
            return (d.State.Forgotten ? null : new TaskRestoreEntry(d.State, d.State.Active ? carried : null), (d, carried));
        });
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case LaunchLocal when current is { Restore: { } restore } && copy is not null:
                    var starting = time.GetTimestamp();
                    runner.Start(StartOf(current, current.RestartCount, new RestoreArchive(copy, restore.Sha256, restore.Generation)));
                    LogRestoreLaunched(key.JobId, key.TaskIndex, time.GetElapsedTime(starting).TotalMilliseconds);
                    break;
                case Fetch fetch when current is not null:
                    if (fetch.AfterRefusal is { } refusal)
                    {
                        LogLocalCopyRefused(key.JobId, key.TaskIndex, refusal);
                    }

                    FetchRestore(current);
                    break;
                case LaunchFetched when current is { Restore: { } restore } && copy is not null:
                    runner.Start(StartOf(current, current.RestartCount, new RestoreArchive(copy, restore.Sha256, restore.Generation)));
                    break;
                case ReportLost lost:
                    SendEvent(new TaskEvent(TaskEventKind.Lost, key.JobId, key.TaskIndex, sampler.NodeName, time.GetUtcNow(), Reason: lost.Reason,
                        Checkpoint: lost.WithCheckpoint ? current?.Restore : null));
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>The runner's start of a Start order, with the task's cookie (<c>OMB_JOB_COOKIE</c>, for <c>omb rsh</c>).</summary>
    private static TaskStartOrder StartOf(WorldOrder order, int? restartCount, RestoreArchive? restore) =>
        new(order.Job!, order.TaskIndex, order.Nodes!, restartCount, restore) { Cookie = order.Cookie };

    /// <summary>Asks for the server's committed copy of the order's checkpoint; the start waits for it.</summary>
    private void FetchRestore(WorldOrder order)
    {
        if (link is not null)
        {
            Track(FetchForAsync(order, transport.Rank));
        }
        else
        {
            transport.Send(0, RankTags.Fetch, order);
        }
    }

    /// <summary>The server's copy of a checkpoint is in this node's store: a start waiting for it goes ahead.</summary>
    private void CopyArrived(long jobId, int taskIndex, string sha)
    {
        if (runner.Checkpoints.Find(jobId, taskIndex, sha) is { } local)
        {
            Restore(new TaskKey(jobId, taskIndex), new TaskRestoreEvent.CopyArrived(sha), copy: local);
        }
    }

    /// <summary>Whether a start of the task still waits for the server's copy (a start withdrawn by qdel does not).</summary>
    private bool AwaitsCopy(TaskKey key) => _restores.Find(key)?.State.Phase == TaskRestorePhase.Fetching;

    /// <summary>
    /// The runner refused a restore (and removed the task's copies here). From a local copy, which was never checked
    /// against the server's (a migration's copy comes straight from the source rank), the server's copy is fetched: the
    /// generation may be sound. From the server's copy, the server hears Lost with the generation, which it marks bad.
    /// </summary>
    private TaskEvent? RestoreFailed(TaskRestoreFailed failure)
    {
        Restore(new TaskKey(failure.JobId, failure.TaskIndex), new TaskRestoreEvent.Refused(failure.Reason));
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "this node's copy of the checkpoint of {JobId}[{TaskIndex}] was refused ({Reason}); fetching the server's")]
    private partial void LogLocalCopyRefused(long jobId, int taskIndex, string reason);
}
