using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// Ends X the tasks <see cref="UnendedDeletionSweeper"/> found overdue: still being deleted, still in the world that
/// does not run them. Applied through <see cref="TaskRunRules.Lost"/>, which ends a task being deleted deleted.
/// </summary>
internal sealed class UnendedDeletionsCommand(string worldId, IReadOnlyList<TaskKey> overdue, TimeSpan grace, WorldGateway gateway) : QueueCommand<int>
{
    protected override int Run(WorkingSet working, DateTimeOffset now)
    {
        if (!gateway.IsCurrent(worldId))
        {
            return 0;
        }

        var keys = overdue.ToHashSet();
        return working.LoseActiveTasks((job, task) => keys.Contains(new TaskKey(job.Id, task.Index)) && UnendedDeletions.IsBeingDeleted(task),
            task => $"its node {task.Node} has not run it for {grace.TotalSeconds:0} s and never reported its end", now);
    }
}
