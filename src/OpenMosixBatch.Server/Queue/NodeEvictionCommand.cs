using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// <c>omb node remove --now</c>: every task active on the node goes back to the queue (to resume from its last
/// checkpoint when it has one), or fails when it is not rerunnable, as if its node had been lost; the kill orders for
/// the processes still running there are sent after the commit.
/// </summary>
internal sealed class NodeEvictionCommand(string node, string why) : QueueCommand<int>
{
    public List<WorldOrder> KillOrders { get; } = [];

    protected override int Run(WorkingSet working, DateTimeOffset now)
    {
        KillOrders.Clear();
        return working.LoseActiveTasks((job, task) =>
        {
            if (task.Node is null || !task.Node.Contains(node))
            {
                return false;
            }

            KillOrders.Add(new WorldOrder(WorldOrderKind.Kill, job.Id, task.Index, Node: node, Reason: why));
            return true;
        }, _ => why, now);
    }
}
