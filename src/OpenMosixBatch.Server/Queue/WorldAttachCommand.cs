using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// A world attaches: every task the server records as active but the world neither runs nor reports an event of was
/// lost with an earlier world and is requeued or failed, except one whose start was never reported on nodes this world
/// still has: its start order died with the earlier world, it never ran, and it waits again; then the world's session
/// is installed. A task that ended while no server listened is not lost: its end comes in the first report. A task the
/// world runs that the server deleted, requeued or started elsewhere meanwhile (its kill order was lost between two
/// worlds) is killed at once (<see cref="StrayTasks"/>), except one whose dispatch this server kept in memory and lost
/// when it was killed: the store has it waiting, never dispatched, and it is adopted as running where the world runs
/// it (<see cref="UnsavedDispatch"/>), in this group, so that no admission pass starts it again.
/// </summary>
internal sealed class WorldAttachCommand(WorldAttachRequest request, WorldGateway gateway) : QueueCommand<WorldAttachResponse>
{
    protected override WorldAttachResponse Run(WorkingSet working, DateTimeOffset now)
    {
        var running = request.Running.Select(r => new TaskKey(r.JobId, r.TaskIndex))
            .Concat((request.Reported ?? []).Select(r => new TaskKey(r.JobId, r.TaskIndex)))
            .ToHashSet();
        foreach (var r in request.Running.Concat(request.Started ?? []))
        {
            if (working.Find(r.JobId) is { } job && UnsavedDispatch.Adopt(job, r.TaskIndex, r.Node, r.SessionId, request.WorldId, now) is { Ok: true } adopted)
            {
                working.Put(WaitReasonChanges.AfterDispatch(adopted.Job!), adopted.Event);
            }
        }

        var requeued = working.LoseActiveTasks((job, task) => !running.Contains(new TaskKey(job.Id, task.Index)),
            task => $"its node {task.Node} was lost (world {request.WorldId} attached without it)", now,
            request.Nodes.Select(n => n.Node).ToHashSet(StringComparer.Ordinal), $"its start order was lost with the world before {request.WorldId}");

        var strays = request.Running
            .Select(r => (r, Why: StrayTasks.KillReason(working.Find(r.JobId), r.TaskIndex, r.Node)))
            .Where(x => x.Why is not null)
            .Select(x => new WorldOrder(WorldOrderKind.Kill, x.r.JobId, x.r.TaskIndex, Node: x.r.Node, Reason: x.Why))
            .ToList();
        gateway.Install(new WorldSession(request.WorldId, request.Nodes, now));

        // The states these orders carry out were committed before this attach: they may go at once.
        foreach (var order in strays)
        {
            gateway.Send(order);
        }

        return new WorldAttachResponse(request.WorldId, requeued);
    }
}
