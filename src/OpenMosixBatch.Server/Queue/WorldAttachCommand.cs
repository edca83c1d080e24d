using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// A world attaches: every task the server records as active but the world neither runs nor reports an event of was
/// lost with an earlier world (or its start order never arrived) and is requeued or failed; then the world's session
/// is installed. A task that ended while no server listened is not lost: its end comes in the first report.
/// </summary>
internal sealed class WorldAttachCommand(WorldAttachRequest request, WorldGateway gateway) : QueueCommand<WorldAttachResponse>
{
    protected override WorldAttachResponse Run(WorkingSet working, DateTimeOffset now)
    {
        var running = request.Running.Select(r => (r.JobId, r.TaskIndex))
            .Concat((request.Reported ?? []).Select(r => (r.JobId, r.TaskIndex)))
            .ToHashSet();
        var requeued = working.LoseActiveTasks((job, task) => !running.Contains((job.Id, task.Index)),
            task => $"its node {task.Node} was lost (world {request.WorldId} attached without it)", now);

        gateway.Install(new WorldSession(request.WorldId, request.Nodes, now));
        return new WorldAttachResponse(request.WorldId, requeued);
    }
}
