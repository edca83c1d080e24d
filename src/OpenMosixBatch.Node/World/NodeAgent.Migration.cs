using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.World;

namespace OpenMosixBatch.Node.World;

// Migration: rank 0 records the move (Migrating) and asks the source rank; the source signals the task with the grace
// period, and its checkpoint exit is shipped to the target and to rank 0 (NodeAgent.Checkpoints.cs).
public sealed partial class NodeAgent
{
    /// <summary>
    /// How long the ranks of a move poll hot (the pump's StayHot) after each step they take part in:
    /// the order, the checkpoint exit, the copy's arrival. A move of a small checkpoint is a chain of short messages
    /// (order, copy, acknowledgements, verdict, restart order), each of which an idle pump would otherwise see only at
    /// its next backed-off poll, up to 16 ms later. Long enough for a loaded server's commit between the copy and the
    /// restart order; a move that takes longer is slower, not broken.
    /// </summary>
    private static readonly TimeSpan MoveHotPeriod = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Rank 0: moves a task from <paramref name="sourceNode"/> to <paramref name="request"/>'s target. Enqueues the
    /// Migrating event for the server, then sends the request to the source rank (or obeys it here). The planner and
    /// the server's Migrate orders (<c>omb migrate</c>) both come through here.
    /// </summary>
    public void RequestMigration(MigrationRequest request, string sourceNode)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sourceNode);
        if (!TryRankOf(sourceNode, out var sourceRank))
        {
            LogUnroutable(WorldOrderKind.Migrate, request.JobId, sourceNode);
            return;
        }

        LogMoveOrdered(request.JobId, request.TaskIndex, sourceNode, request.Target);
        SendEvent(new TaskEvent(TaskEventKind.Migrating, request.JobId, request.TaskIndex, sourceNode, time.GetUtcNow(), Reason: request.Reason, Target: request.Target,
            MoveCause: request.Cause));

        // Rank 0 receives the upload (or relays the restart order); the target is told now, while the task checkpoints,
        // so that its pump is polling hot when the copy and the restart order come.
        transport.StayHot(MoveHotPeriod);
        if (request.TargetRank != transport.Rank && request.TargetRank != sourceRank)
        {
            transport.Send(request.TargetRank, RankTags.MoveExpected, request);
        }

        if (sourceRank == transport.Rank)
        {
            StartMigration(request);
        }
        else
        {
            transport.Send(sourceRank, RankTags.Migrate, request);
        }
    }

    /// <summary>Rank 0: tells the server why the planner leaves a task where it is (qstat -f's migration line).</summary>
    public void ReportStay(TaskStay stay)
    {
        ArgumentNullException.ThrowIfNull(stay);
        SendEvent(new TaskEvent(TaskEventKind.Stays, stay.JobId, stay.TaskIndex, stay.Node, time.GetUtcNow(), Reason: stay.Reason));
    }

    private void MigrateOrdered(WorldOrder order)
    {
        if (order.Node is not { } source || order.Target is not { } target || !TryRankOf(target, out var targetRank))
        {
            LogUnroutable(WorldOrderKind.Migrate, order.JobId, order.Target ?? "?");
            SendEvent(new TaskEvent(TaskEventKind.MigrationDropped, order.JobId, order.TaskIndex, order.Node ?? "?", time.GetUtcNow(),
                Reason: $"target node {order.Target} is not in this world", Target: order.Target));
            return;
        }

        RequestMigration(new MigrationRequest(order.JobId, order.TaskIndex, target, targetRank, order.Reason ?? "ordered by omb migrate", MigrationReason.Manual), source);
    }

    /// <summary>Source rank: the move's machine signals the task with the grace period; a refusal is reported at once.</summary>
    private void StartMigration(MigrationRequest request) =>
        Move(new TaskKey(request.JobId, request.TaskIndex), new CheckpointMoveEvent.Requested(new MoveTarget(request.Target, request.TargetRank)));
}
