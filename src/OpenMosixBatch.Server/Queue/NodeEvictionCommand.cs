using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// <c>omb node remove --now</c>: every task active on the node is ended there (<see cref="NodeRemovalRules"/>: one that
/// runs again is requeued by its end, so its rerun never runs beside it; one that cannot fails now); the kill orders
/// are sent after the commit. The node leaves the world only once its rank reports none of them left.
/// </summary>
internal sealed class NodeEvictionCommand(string node, string why) : QueueCommand<int>
{
    public List<WorldOrder> KillOrders { get; } = [];

    protected override int Run(WorkingSet working, DateTimeOffset now)
    {
        KillOrders.Clear();
        var count = 0;
        foreach (var job in working.Jobs.Where(j => j.Tasks.Any(t => t.State.IsActive())).ToList())
        {
            var transitions = NodeRemovalRules.Evict(job, node, why, now);
            if (transitions.Count == 0)
            {
                continue;
            }

            foreach (var t in transitions)
            {
                working.Put(t.Job!, t.Event);
            }

            foreach (var before in job.Tasks.Where(t => NodeRemovalRules.Decide(job, t, node) != NodeRemovalOutcome.Untouched))
            {
                count++;
                var nodes = new[] { before.Node!.First, before.Migration?.From, before.Migration?.To };
                foreach (var target in nodes.OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    KillOrders.Add(new WorldOrder(WorldOrderKind.Kill, job.Id, before.Index, Node: target, Reason: why));
                }
            }
        }

        return count;
    }
}
