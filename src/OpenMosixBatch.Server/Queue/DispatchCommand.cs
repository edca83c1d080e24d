using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Records the admission pass's starts as running on their nodes, for world <paramref name="worldId"/>; the start orders
/// go out only after this commit, so a task a node runs is always one the store knows is running.
/// </summary>
internal sealed class DispatchCommand(string worldId, IReadOnlyList<TaskPlacement> starts, WorldGateway gateway)
    : QueueCommand<IReadOnlyList<(Job Job, TaskPlacement Placement)>>
{
    protected override IReadOnlyList<(Job Job, TaskPlacement Placement)> Run(WorkingSet working, DateTimeOffset now)
    {
        var dispatched = new List<(Job, TaskPlacement)>();
        if (!gateway.IsCurrent(worldId))
        {
            return dispatched;
        }

        foreach (var start in starts)
        {
            // The plan was made on an earlier snapshot: a qdel or qhold may have come in between.
            if (working.Find(start.JobId) is { } job && TaskRunRules.Dispatch(job, start.TaskIndex, start.Nodes, now) is { Ok: true } t)
            {
                working.Put(t.Job!, t.Event);
                dispatched.Add((t.Job!, start));
            }
        }

        return dispatched;
    }
}
