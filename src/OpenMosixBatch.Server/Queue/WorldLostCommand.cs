using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>The world died or was stopped: its session ends and every active task is requeued (rerunnable) or failed.</summary>
internal sealed class WorldLostCommand(string worldId, string why, WorldGateway gateway) : QueueCommand<int>
{
    protected override int Run(WorkingSet working, DateTimeOffset now)
    {
        // A newer world may already be attached (a late report of an old one's death): its tasks are its own.
        if (!gateway.Remove(worldId) && gateway.Current is not null)
        {
            return 0;
        }

        return working.LoseActiveTasks((_, _) => true, task => $"its node {task.Node} was lost: {why}", now);
    }
}
