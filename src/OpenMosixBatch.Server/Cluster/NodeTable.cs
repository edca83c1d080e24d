using System.Globalization;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Cluster;

/// <summary>
/// The nodes as admission and pbsnodes see them: capacity and live load from the attached world (the cluster's
/// membership until one attaches), allocations from the tasks the queue records as active, and administrators' drains.
/// </summary>
public sealed class NodeTable(ClusterMembership membership, WorldGateway gateway, NodeAdminStates admin)
{
    /// <summary>Node capacities, for refusing at submission what no node could ever hold.</summary>
    /// <remarks>
    /// A node of the cluster without a rank in the world (its host unreachable, joining, refused by its health check,
    /// or joined and waiting for the next world) is listed too (down), so pbsnodes says why.
    /// </remarks>
    public IReadOnlyList<NodeSnapshot> Nodes
    {
        get
        {
            if (gateway.Current is not { Loads.Count: > 0 } s)
            {
                return [.. membership.Entries.Select(e => e.Node)];
            }

            return [.. s.Loads.Values.OrderBy(l => l.Rank).Select(l => Declared(new NodeSnapshot(l.Node, l.Cpus, l.MemoryBytes, l.Speed) { Gpus = l.Gpus })),
                .. membership.Entries.Where(c => !s.Loads.ContainsKey(c.Node.Name)).Select(c => c.Node)];
        }
    }

    public ClusterMembership Membership => membership;

    /// <summary>
    /// What the cluster's declaration says of a node added to what its rank measured: its properties (ranks cannot see
    /// site properties), and its GPUs when it declares them, 0 included (else those the rank detected stay).
    /// </summary>
    private NodeSnapshot Declared(NodeSnapshot measured) =>
        membership.Find(measured.Name) is { } c ? measured with { Gpus = DeclaresGpus(c.Node) ? c.Node.Gpus : measured.Gpus, Properties = c.Node.Properties } : measured;

    /// <summary>
    /// How many GPUs <paramref name="node"/> has: what the cluster declares (0 included), else what its rank detected
    /// (0 for a node neither knows).
    /// </summary>
    public int GpusOf(string node) => membership.Find(node)?.Node is { } declared && DeclaresGpus(declared) ? declared.Gpus
        : gateway.Current?.Loads.GetValueOrDefault(node)?.Gpus ?? 0;

    /// <summary>A count above 0 is a declaration too, for a node made in code rather than read from the cluster file.</summary>
    private static bool DeclaresGpus(NodeSnapshot node) => node.GpusDeclared || node.Gpus > 0;

    /// <summary>True while a world is attached: admitted tasks can start.</summary>
    public bool WorldConnected => gateway.Current is not null;

    public NodeAdminStates Admin => admin;

    /// <summary>Every node with what is allocated on it and its state, for one admission pass.</summary>
    public IReadOnlyList<NodeSnapshot> Snapshot(QueueState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var session = gateway.Current;
        var allocated = Allocations(state);
        var offline = admin.Entries;
        var result = new List<NodeSnapshot>();
        foreach (var capacity in Nodes)
        {
            var load = session?.Loads.GetValueOrDefault(capacity.Name);
            var held = allocated.GetValueOrDefault(capacity.Name);
            var cpus = held.Cpus;
            var nodeState = offline.GetValueOrDefault(capacity.Name)?.Source == OfflineSource.Unreachable
                || membership.Find(capacity.Name)?.State.InWorld == false ? NodeState.Down
                : offline.ContainsKey(capacity.Name) ? NodeState.Offline
                : session is not null && load is null ? NodeState.Down
                : cpus >= capacity.Cpus || held.Exclusive > 0 ? NodeState.Busy
                : NodeState.Free;
            result.Add(capacity with
            {
                AllocatedCpus = cpus,
                AllocatedMemoryBytes = held.Memory,
                AllocatedGpus = held.Gpus,
                ExclusiveChunks = held.Exclusive,
                MeasuredCpuUtilization = load?.CpuUtilization,
                MeasuredMemoryUtilization = load is null || load.MemoryBytes == 0 ? null : Math.Clamp(1 - ((double)load.FreeMemoryBytes / load.MemoryBytes), 0, 1),
                State = nodeState,
            });
        }

        return result;
    }

    /// <summary>pbsnodes: the snapshot with each node's tasks, load and comment.</summary>
    public IReadOnlyList<NodeView> Views(QueueState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var session = gateway.Current;
        var tasks = ActiveJobs(state)
            .SelectMany(j => j.Tasks.Where(t => t.State.IsActive() && t.Node is not null)
                .SelectMany(t => t.Node!.Distinct().Select(n => (Node: n, Id: j.Spec.IsArray ? JobIds.FormatTask(j.Id, t.Index) : j.Id.ToString(CultureInfo.InvariantCulture)))))
            .ToLookup(x => x.Node, x => x.Id, StringComparer.Ordinal);
        return [.. Snapshot(state).Select(n =>
        {
            var load = session?.Loads.GetValueOrDefault(n.Name);
            var comment = (membership.Find(n.Name)?.State is { } member ? MembershipText.Comment(member) : null)
                ?? admin.Offline.GetValueOrDefault(n.Name)
                ?? (session is null ? "no execution world is attached" : load is null ? "its rank did not report" : null);
            var shown = session is null && n.State != NodeState.Offline ? n with { State = NodeState.Down } : n;
            return new NodeView(shown, [.. tasks[n.Name]], load?.LoadAverage, comment);
        })];
    }

    /// <summary>How many tasks the queue records as active (running, migrating, exiting) on <paramref name="node"/>.</summary>
    public static int TasksOn(QueueState state, string node)
    {
        ArgumentNullException.ThrowIfNull(state);
        return ActiveJobs(state).Sum(j => j.Tasks.Count(t => t.State.IsActive() && t.Node is not null && t.Node.Contains(node)));
    }

    private static Dictionary<string, (int Cpus, long Memory, int Gpus, int Exclusive)> Allocations(QueueState state)
    {
        var allocated = new Dictionary<string, (int Cpus, long Memory, int Gpus, int Exclusive)>(StringComparer.Ordinal);
        foreach (var job in ActiveJobs(state))
        {
            if (job.State.IsFinished())
            {
                continue;
            }

            var r = job.Spec.Resources;
            foreach (var task in job.Tasks)
            {
                if (!task.State.IsActive() || task.Node is null)
                {
                    continue;
                }

                for (var i = 0; i < task.Node.Count; i++)
                {
                    var chunk = r.ChunkAt(i);   // its own kind when the chunks are of several shapes
                    var (c, m, g, x) = allocated.GetValueOrDefault(task.Node[i]);
                    allocated[task.Node[i]] = (c + chunk.CpusPerChunk, m + chunk.MemoryBytesPerChunk, g + chunk.GpusPerChunk, x + (chunk.Exclusive ? 1 : 0));
                }
            }
        }

        return allocated;
    }

    /// <summary>The jobs with a task running, migrating or exiting: the only ones that hold a node.</summary>
    private static IEnumerable<Job> ActiveJobs(QueueState state) =>
        state.Index.Active.Select(id => state.Jobs.GetValueOrDefault(id)).OfType<Job>();
}
