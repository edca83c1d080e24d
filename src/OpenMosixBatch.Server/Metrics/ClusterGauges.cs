using System.Diagnostics.Metrics;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Metrics;

/// <summary>
/// The server's state as gauges, read when a scrape (or dotnet-counters) asks: jobs by state and queue, the admission
/// queue's depth, nodes by state, and per node its CPUs and memory (allocated, measured, total) and load.
/// </summary>
/// <remarks>
/// Job counts walk every job, so they are kept for the snapshot they were counted on: a scrape of an unchanged queue
/// costs a dictionary copy, and a changed one a pass over the jobs, as qstat's listing does.
/// </remarks>
public sealed class ClusterGauges : IDisposable
{
    private readonly Meter _meter = new(ServerMeter.Name);
    private readonly JobQueue _queue;
    private readonly NodeTable _nodes;
    private readonly WorldGateway _gateway;
    private JobCountsEntry? _jobs;

    public ClusterGauges(JobQueue queue, NodeTable nodes, WorldGateway gateway)
    {
        _queue = queue;
        _nodes = nodes;
        _gateway = gateway;
        _meter.CreateObservableGauge("omb.jobs", JobCounts, null, "Unfinished jobs by state and queue.");
        _meter.CreateObservableGauge("omb.queue.depth", () => (long)_queue.State.Index.Pending.Count, null, "Jobs with a task waiting for admission.");
        _meter.CreateObservableGauge("omb.nodes", NodeCounts, null, "Nodes by state.");
        _meter.CreateObservableGauge("omb.node.cpus", NodeCpus, null, "CPUs of each node: total and allocated to batch tasks.");
        _meter.CreateObservableGauge("omb.node.cpu.utilization", NodeUtilization, "1", "Measured CPU busy fraction of each node.");
        _meter.CreateObservableGauge("omb.node.memory", NodeMemory, "By", "Memory of each node: total, allocated to batch tasks, and measured in use.");
        _meter.CreateObservableGauge("omb.node.load1", NodeLoad, null, "One-minute load average of each node.");
        _meter.CreateObservableGauge("omb.world.attached", () => _gateway.Current is null ? 0L : 1L, null, "1 while an execution world is attached.");
    }

    public void Dispose() => _meter.Dispose();

    private List<Measurement<long>> JobCounts()
    {
        var state = _queue.State;
        if (Volatile.Read(ref _jobs) is { } cached && ReferenceEquals(cached.State, state))
        {
            return cached.Counts;
        }

        var counts = state.Jobs.Values.Where(j => !j.State.IsFinished())
            .GroupBy(j => (j.State, j.Spec.Queue))
            .Select(g => new Measurement<long>(g.Count(), new("state", g.Key.State.ToString().ToLowerInvariant()), new("queue", g.Key.Queue)))
            .ToList();
        Volatile.Write(ref _jobs, new JobCountsEntry(state, counts));
        return counts;
    }

    private IEnumerable<Measurement<long>> NodeCounts()
    {
        var nodes = Snapshot();
        return Enum.GetValues<NodeState>().Select(s => new Measurement<long>(nodes.Count(n => n.State == s), new KeyValuePair<string, object?>("state", s.ToString().ToLowerInvariant())));
    }

    private IEnumerable<Measurement<long>> NodeCpus() => Snapshot().SelectMany(n => new[]
    {
        new Measurement<long>(n.Cpus, new("node", n.Name), new("kind", "total")),
        new Measurement<long>(n.AllocatedCpus, new("node", n.Name), new("kind", "allocated")),
    });

    private IEnumerable<Measurement<double>> NodeUtilization() => Snapshot().Where(n => n.MeasuredCpuUtilization is not null)
        .Select(n => new Measurement<double>(n.MeasuredCpuUtilization!.Value, new KeyValuePair<string, object?>("node", n.Name)));

    private IEnumerable<Measurement<long>> NodeMemory() => Snapshot().SelectMany(n =>
    {
        var rows = new List<Measurement<long>>
        {
            new(n.MemoryBytes, new("node", n.Name), new("kind", "total")),
            new(n.AllocatedMemoryBytes, new("node", n.Name), new("kind", "allocated")),
        };
        if (n.MeasuredMemoryUtilization is { } used)
        {
            rows.Add(new((long)(used * n.MemoryBytes), new("node", n.Name), new("kind", "used")));
        }

        return rows;
    });

    private IEnumerable<Measurement<double>> NodeLoad()
    {
        var loads = _gateway.Current?.Loads;
        return loads is null ? [] : loads.Values.Select(l => new Measurement<double>(l.LoadAverage, new KeyValuePair<string, object?>("node", l.Node)));
    }

    private IReadOnlyList<NodeSnapshot> Snapshot() => _nodes.Snapshot(_queue.State);

    private sealed record JobCountsEntry(QueueState State, List<Measurement<long>> Counts);
}
