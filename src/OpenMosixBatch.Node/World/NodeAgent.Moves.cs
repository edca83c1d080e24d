using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.World;
using OpenMosixBatch.Node.Execution;
using static OpenMosixBatch.Core.World.CheckpointMoveAction;

namespace OpenMosixBatch.Node.World;

// The adapter of the checkpoints leaving this node: every move order, checkpoint exit, shipment end and deletion is fed
// to the task's CheckpointMoveMachine (Core), and the actions it returns are carried out here, outside the table's lock.
public sealed partial class NodeAgent
{
    private readonly TaskStateTable<CheckpointMoveEntry> _moves = new();

    /// <summary>
    /// Feeds <paramref name="e"/> to the move machine of <paramref name="key"/> and carries out its actions;
    /// <paramref name="exit"/> is the checkpoint exit the event is about (its exit, or its shipment's end).
    /// </summary>
    private void Move(TaskKey key, CheckpointMoveEvent e, TaskCheckpointed? exit = null)
    {
        var (decision, before) = _moves.Change(key, old =>
        {
            var d = CheckpointMoveMachine.Apply(old?.State ?? CheckpointMoveState.Idle, e);
            return (d.State.Forgotten ? null : new CheckpointMoveEntry(d.State, old?.Shipment), (d, old));
        });
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case Signal signal:
                    SignalForMove(key, signal.Target);
                    break;
                case ReportDropped dropped:
                    LogMigrationRefused(key.JobId, key.TaskIndex);
                    SendEvent(new TaskEvent(TaskEventKind.MigrationDropped, key.JobId, key.TaskIndex, sampler.NodeName, time.GetUtcNow(),
                        Reason: dropped.Reason, Target: (e as CheckpointMoveEvent.Requested)?.Target.Node ?? before?.State.Target?.Node));
                    break;
                case Ship ship when exit is not null:
                    LogCheckpointPacked(exit.JobId, exit.TaskIndex, exit.Bytes, exit.PackTime.TotalMilliseconds);
                    if (ship.Migration is not null)
                    {
                        // The acknowledgements and verdicts of the copies come back at once, not at the next backed-off poll.
                        transport.StayHot(MoveHotPeriod);
                    }

                    Track(ShipAsync(exit, ship.Migration));
                    break;
                case CancelShipment:
                    Cancel(before?.Shipment);
                    break;
                case Finish finish when exit is not null:
                    Finish(exit, finish.Failure);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Source rank: signal the task with the grace period; a refusal is reported at once.</summary>
    private void SignalForMove(TaskKey key, MoveTarget target)
    {
        if (!runner.RequestCheckpoint(key.JobId, key.TaskIndex, CheckpointCause.Migration, target.Node, migrateGrace))
        {
            Move(key, new CheckpointMoveEvent.Refused());
            return;
        }

        LogMoveSignalled(key.JobId, key.TaskIndex);
        transport.StayHot(MoveHotPeriod);
    }

    /// <summary>
    /// A shipment ended (or never started). A task that moved away never restarts here from this copy (the target has its
    /// own, the server the committed one), and nothing here would remove it later: neither its end nor its qdel reach
    /// this node. An uncommitted checkpoint is never restored either, and the server hears it was not committed.
    /// </summary>
    private void Finish(TaskCheckpointed c, string? failure)
    {
        var node = sampler.NodeName;
        if (failure is not null || (c.Cause == CheckpointCause.Migration && c.Target != node))
        {
            runner.Checkpoints.RemoveTask(c.JobId, c.TaskIndex);
        }

        if (failure is not null)
        {
            ReportNotCommitted(c.JobId, c.TaskIndex, node, 0, failure);
        }
    }

    private static void Cancel(CancellationTokenSource? shipment)
    {
        try
        {
            shipment?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The shipment has just finished.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "migration of {JobId}[{TaskIndex}] dropped: not running here or not checkpointing")]
    private partial void LogMigrationRefused(long jobId, int taskIndex);
}
