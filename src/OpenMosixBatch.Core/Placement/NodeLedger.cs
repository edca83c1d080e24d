using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// A working copy of the node table during one decision pass: allocations made in the pass are added here so that
/// every later decision in the same pass sees them.
/// </summary>
public sealed class NodeLedger
{
    private readonly Dictionary<string, NodeSnapshot> _nodes;
    private int _version;
    private int _summaryVersion = -1;
    private (NodeSnapshot? Largest, long FreeCpus) _summary;

    public NodeLedger(IReadOnlyList<NodeSnapshot> nodes, UtilizationMode mode)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        Mode = mode;
    }

    public UtilizationMode Mode { get; }

    public IEnumerable<NodeSnapshot> Nodes => _nodes.Values;

    /// <summary>The number of nodes, accepting work or not.</summary>
    public int Count => _nodes.Count;

    public IEnumerable<NodeSnapshot> Accepting => _nodes.Values.Where(n => n.AcceptsWork);

    public NodeSnapshot this[string name] => _nodes[name];

    /// <summary>
    /// True when every accepting node's utilisation is its allocated share (mode <see cref="UtilizationMode.Allocated"/>,
    /// or nothing measured): the cluster's utilisation then depends on how much is allocated, not on which nodes.
    /// </summary>
    public bool CountsAllocationOnly =>
        Mode == UtilizationMode.Allocated || Accepting.All(n => n.MeasuredCpuUtilization is null && n.MeasuredMemoryUtilization is null);

    public bool Contains(string name) => _nodes.ContainsKey(name);

    public void Allocate(string node, int cpus, long memory)
    {
        var n = _nodes[node];
        _nodes[node] = n with { AllocatedCpus = n.AllocatedCpus + cpus, AllocatedMemoryBytes = n.AllocatedMemoryBytes + memory };
        _version++;
    }

    public void Release(string node, int cpus, long memory) => Allocate(node, -cpus, -memory);

    /// <summary>Allocates one chunk of <paramref name="request"/> on <paramref name="node"/>: its CPUs, memory and GPUs, and the node itself when exclusive.</summary>
    public void Allocate(string node, ResourceRequest request) => Add(node, request, +1);

    /// <summary>Takes back what <see cref="Allocate(string, ResourceRequest)"/> allocated.</summary>
    public void Release(string node, ResourceRequest request) => Add(node, request, -1);

    private void Add(string node, ResourceRequest request, int sign)
    {
        ArgumentNullException.ThrowIfNull(request);
        var n = _nodes[node];
        _nodes[node] = n with
        {
            AllocatedCpus = n.AllocatedCpus + (sign * request.CpusPerChunk),
            AllocatedMemoryBytes = n.AllocatedMemoryBytes + (sign * request.MemoryBytesPerChunk),
            AllocatedGpus = n.AllocatedGpus + (sign * request.GpusPerChunk),
            ExclusiveChunks = n.ExclusiveChunks + (request.Exclusive ? sign : 0),
        };
        _version++;
    }

    /// <summary>
    /// Releases a running task's allocation as if it had ended, taking its share off the node's measured load too (the
    /// measured figure counts batch tasks as well as other load): what a start-time estimate sees once it ends.
    /// </summary>
    public void ReleaseEnded(string node, ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (cpus, memory) = (request.CpusPerChunk, request.MemoryBytesPerChunk);
        var n = _nodes[node];
        _version++;
        _nodes[node] = n with
        {
            AllocatedGpus = n.AllocatedGpus - request.GpusPerChunk,
            ExclusiveChunks = n.ExclusiveChunks - (request.Exclusive ? 1 : 0),
            AllocatedCpus = n.AllocatedCpus - cpus,
            AllocatedMemoryBytes = n.AllocatedMemoryBytes - memory,
            MeasuredCpuUtilization = n.MeasuredCpuUtilization is { } c && n.Cpus > 0 ? Math.Max(0, c - ((double)cpus / n.Cpus)) : n.MeasuredCpuUtilization,
            MeasuredMemoryUtilization = n.MeasuredMemoryUtilization is { } m && n.MemoryBytes > 0
                ? Math.Max(0, m - ((double)memory / n.MemoryBytes)) : n.MeasuredMemoryUtilization,
        };
    }

    /// <summary>
    /// The accepting node with the most CPUs free (then the most memory, then the first name), or null when none
    /// accepts work: what a refusal names. Kept until the ledger next changes, as a pass refuses many requests in a row.
    /// </summary>
    public NodeSnapshot? LargestFree => Summary().Largest;

    /// <summary>Free CPUs over the accepting nodes, kept like <see cref="LargestFree"/>: no request of more can be placed.</summary>
    public long FreeAcceptingCpus => Summary().FreeCpus;

    private (NodeSnapshot? Largest, long FreeCpus) Summary()
    {
        if (_summaryVersion == _version)
        {
            return _summary;
        }

        NodeSnapshot? largest = null;
        long free = 0;
        foreach (var n in Accepting)
        {
            free += n.FreeCpus;
            if (largest is null || n.FreeCpus > largest.FreeCpus
                || (n.FreeCpus == largest.FreeCpus && (n.FreeMemoryBytes > largest.FreeMemoryBytes
                    || (n.FreeMemoryBytes == largest.FreeMemoryBytes && string.CompareOrdinal(n.Name, largest.Name) < 0))))
            {
                largest = n;
            }
        }

        (_summary, _summaryVersion) = ((largest, free), _version);
        return _summary;
    }

    /// <summary>An independent copy, for looking ahead without changing this ledger.</summary>
    public NodeLedger Copy() => new([.. _nodes.Values], Mode);

    /// <summary>A node's CPU utilisation by <see cref="Mode"/>.</summary>
    public double CpuUtilization(NodeSnapshot n) =>
        Combine(n.Cpus == 0 ? 1 : (double)n.AllocatedCpus / n.Cpus, n.MeasuredCpuUtilization);

    /// <summary>A node's CPU utilisation by <see cref="Mode"/> once <paramref name="cpus"/> more are allocated on it.</summary>
    public double CpuUtilizationWith(NodeSnapshot n, int cpus)
    {
        ArgumentNullException.ThrowIfNull(n);
        return Combine(n.Cpus == 0 ? 1 : (double)(n.AllocatedCpus + cpus) / n.Cpus, n.MeasuredCpuUtilization);
    }

    public double MemoryUtilization(NodeSnapshot n) =>
        Combine(n.MemoryBytes == 0 ? 1 : (double)n.AllocatedMemoryBytes / n.MemoryBytes, n.MeasuredMemoryUtilization);

    /// <summary>Capacity-weighted cluster CPU utilisation over the nodes that accept work.</summary>
    public double ClusterCpu()
    {
        var total = Accepting.Sum(n => (double)n.Cpus);
        return total == 0 ? 1 : Accepting.Sum(n => CpuUtilization(n) * n.Cpus) / total;
    }

    public double ClusterMemory()
    {
        var total = Accepting.Sum(n => (double)n.MemoryBytes);
        return total == 0 ? 1 : Accepting.Sum(n => MemoryUtilization(n) * n.MemoryBytes) / total;
    }

    private double Combine(double allocated, double? measured) => Mode switch
    {
        UtilizationMode.Allocated => allocated,
        UtilizationMode.Measured => measured ?? allocated,
        _ => Math.Max(allocated, measured ?? 0),
    };
}
