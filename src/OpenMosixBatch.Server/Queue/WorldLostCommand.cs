using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// The world died or was stopped: its session ends. When <paramref name="loseTasks"/> (the world was stopped with its
/// tasks, was silent, or no world follows it), every active task is requeued (rerunnable) or failed; otherwise the tasks
/// are left as they are, since they outlive their ranks: the next world's rank 0 reports what its ranks adopted when it
/// attaches, and only the tasks it neither runs nor reports are lost then (<see cref="WorldAttachCommand"/>).
/// </summary>
internal sealed class WorldLostCommand(string worldId, string why, WorldGateway gateway, bool loseTasks = true) : QueueCommand<int>
{
    protected override int Run(WorkingSet working, DateTimeOffset now)
    {
        // A newer world may already be attached (a late report of an old one's death): its tasks are its own.
        if (!gateway.Remove(worldId) && gateway.Current is not null)
        {
            return 0;
        }

        if (!loseTasks)
        {
            return 0;
        }

        return working.LoseActiveTasks((_, _) => true, task => $"its node {task.Node} was lost: {why}", now);
    }
}
