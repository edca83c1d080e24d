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
    private readonly Dictionary<string, NodeSnapshot> _withFreeCpus;   // the accepting nodes with a CPU free
    private int _version;
    private int _largestVersion = -1;
    private NodeSnapshot? _largest;
    private ClusterSums _sums;
    private Dictionary<string, NodeSnapshot>? _lookAhead;   // while a look-ahead is open: each node it changed, as it was
    private (ClusterSums Sums, int Version, int LargestVersion, NodeSnapshot? Largest) _beforeLookAhead;

    public NodeLedger(IReadOnlyList<NodeSnapshot> nodes, UtilizationMode mode)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        _withFreeCpus = new Dictionary<string, NodeSnapshot>(StringComparer.Ordinal);
        Mode = mode;
        foreach (var n in _nodes.Values)
        {
            _sums.Add(n, mode, +1);
            TrackFree(n);
        }
    }

    private NodeLedger(NodeLedger from)
    {
        _nodes = new Dictionary<string, NodeSnapshot>(from._nodes, StringComparer.Ordinal);
        _withFreeCpus = new Dictionary<string, NodeSnapshot>(from._withFreeCpus, StringComparer.Ordinal);
        Mode = from.Mode;
        _sums = from._sums;
    }

    public UtilizationMode Mode { get; }

    public IEnumerable<NodeSnapshot> Nodes => _nodes.Values;

    /// <summary>The number of nodes, accepting work or not.</summary>
    public int Count => _nodes.Count;

    public IEnumerable<NodeSnapshot> Accepting => _nodes.Values.Where(n => n.AcceptsWork);

    /// <summary>
    /// The accepting nodes with at least one CPU free, in no particular order, kept as the ledger changes: a chunk of one
    /// CPU or more can only go to one of them, and on a busy cluster they are few, so the placer, its room count and
    /// a refusal's largest node read them instead of every node.
    /// </summary>
    public IReadOnlyCollection<NodeSnapshot> AcceptingWithFreeCpus => _withFreeCpus.Values;

    public NodeSnapshot this[string name] => _nodes[name];

    /// <summary>
    /// True when every accepting node's utilisation is its allocated share (mode <see cref="UtilizationMode.Allocated"/>,
    /// or nothing measured) and no allocation or capacity is negative: the cluster's utilisation then depends on how much
    /// is allocated, not on which nodes.
    /// </summary>
    /// <remarks>
    /// A negative allocation (a look-ahead that releases a task the node's report did not count) breaks that in
    /// <see cref="UtilizationMode.Max"/>, which reads the node's share as 0: CPUs charged there count less than elsewhere.
    /// </remarks>
    public bool CountsAllocationOnly => _sums.Exact;

    public bool Contains(string name) => _nodes.ContainsKey(name);

    public void Allocate(string node, int cpus, long memory)
    {
        var n = _nodes[node];
        Set(n, n with { AllocatedCpus = n.AllocatedCpus + cpus, AllocatedMemoryBytes = n.AllocatedMemoryBytes + memory });
    }

    public void Release(string node, int cpus, long memory) => Allocate(node, -cpus, -memory);

    /// <summary>Allocates one chunk of <paramref name="request"/> on <paramref name="node"/>: its CPUs, memory and GPUs, and the node itself when exclusive.</summary>
    public void Allocate(string node, ResourceRequest request) => Add(node, request, +1);

    /// <summary>Takes back what <see cref="Allocate(string, ResourceRequest)"/> allocated.</summary>
    public void Release(string node, ResourceRequest request) => Add(node, request, -1);

    /// <summary>Allocates a whole task placed on <paramref name="nodes"/> (one per chunk, in chunk order), each chunk by its own kind.</summary>
    public void AllocateChunks(IReadOnlyList<string> nodes, ResourceRequest request) => AddChunks(nodes, request, +1);

    /// <summary>Takes back what <see cref="AllocateChunks"/> allocated.</summary>
    public void ReleaseChunks(IReadOnlyList<string> nodes, ResourceRequest request) => AddChunks(nodes, request, -1);

    private void AddChunks(IReadOnlyList<string> nodes, ResourceRequest request, int sign)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(request);
        for (var i = 0; i < nodes.Count; i++)
        {
            Add(nodes[i], request.ChunkAt(i), sign);
        }
    }

    private void Add(string node, ResourceRequest request, int sign)
    {
        ArgumentNullException.ThrowIfNull(request);
        var n = _nodes[node];
        Set(n, n with
        {
            AllocatedCpus = n.AllocatedCpus + (sign * request.CpusPerChunk),
            AllocatedMemoryBytes = n.AllocatedMemoryBytes + (sign * request.MemoryBytesPerChunk),
            AllocatedGpus = n.AllocatedGpus + (sign * request.GpusPerChunk),
            ExclusiveChunks = n.ExclusiveChunks + (request.Exclusive ? sign : 0),
        });
    }

    /// <summary>Replaces <paramref name="before"/> by <paramref name="after"/> (the same node), keeping the sums.</summary>
    private void Set(NodeSnapshot before, NodeSnapshot after)
    {
        _lookAhead?.TryAdd(before.Name, before);
        _sums.Add(before, Mode, -1);
        _sums.Add(after, Mode, +1);
        _nodes[after.Name] = after;
        TrackFree(after);
        _version++;
    }

    private void TrackFree(NodeSnapshot n)
    {
        if (n.AcceptsWork && n.FreeCpus > 0)
        {
            _withFreeCpus[n.Name] = n;
        }
        else
        {
            _withFreeCpus.Remove(n.Name);
        }
    }

    /// <summary>
    /// Opens a look-ahead: the changes made until <see cref="EndLookAhead"/> are then taken back exactly (the same node
    /// records, sums and kept largest node). A reservation search releases running tasks on the pass's own ledger this
    /// way instead of copying every node for each search.
    /// </summary>
    internal void BeginLookAhead()
    {
        if (_lookAhead is not null)
        {
            throw new InvalidOperationException("a look-ahead is already open on this ledger");
        }

        _lookAhead = new Dictionary<string, NodeSnapshot>(StringComparer.Ordinal);
        _beforeLookAhead = (_sums, _version, _largestVersion, _largest);
    }

    /// <summary>Takes back every change since <see cref="BeginLookAhead"/>.</summary>
    internal void EndLookAhead()
    {
        if (_lookAhead is not { } changed)
        {
            throw new InvalidOperationException("no look-ahead is open on this ledger");
        }

        foreach (var (name, node) in changed)
        {
            _nodes[name] = node;
            TrackFree(node);
        }

        (_sums, _version, _largestVersion, _largest) = _beforeLookAhead;
        _lookAhead = null;
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
        Set(n, n with
        {
            AllocatedGpus = n.AllocatedGpus - request.GpusPerChunk,
            ExclusiveChunks = n.ExclusiveChunks - (request.Exclusive ? 1 : 0),
            AllocatedCpus = n.AllocatedCpus - cpus,
            AllocatedMemoryBytes = n.AllocatedMemoryBytes - memory,
            MeasuredCpuUtilization = n.MeasuredCpuUtilization is { } c && n.Cpus > 0 ? Math.Max(0, c - ((double)cpus / n.Cpus)) : n.MeasuredCpuUtilization,
            MeasuredMemoryUtilization = n.MeasuredMemoryUtilization is { } m && n.MemoryBytes > 0
                ? Math.Max(0, m - ((double)memory / n.MemoryBytes)) : n.MeasuredMemoryUtilization,
        });
    }

    /// <summary>
    /// The accepting node with the most CPUs free (then the most memory, then the first name), or null when none
    /// accepts work: what a refusal names. Kept until the ledger next changes, as a pass refuses many requests in a row.
    /// </summary>
    public NodeSnapshot? LargestFree
    {
        get
        {
            if (_largestVersion != _version)
            {
                (_largest, _largestVersion) = (FindLargest(), _version);
            }

            return _largest;
        }
    }

    /// <summary>Free CPUs over the accepting nodes, kept as the ledger changes: no request of more can be placed.</summary>
    public long FreeAcceptingCpus => _sums.FreeCpus;

    private NodeSnapshot? FindLargest()
    {
        // With a CPU free anywhere, the largest has one: only those nodes need looking at.
        NodeSnapshot? largest = null;
        foreach (var n in _withFreeCpus.Count > 0 ? _withFreeCpus.Values : Accepting)
        {
            if (largest is null || n.FreeCpus > largest.FreeCpus
                || (n.FreeCpus == largest.FreeCpus && (n.FreeMemoryBytes > largest.FreeMemoryBytes
                    || (n.FreeMemoryBytes == largest.FreeMemoryBytes && string.CompareOrdinal(n.Name, largest.Name) < 0))))
            {
                largest = n;
            }
        }

        return largest;
    }

    /// <summary>An independent copy, for looking ahead without changing this ledger.</summary>
    public NodeLedger Copy() => new(this);

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
    /// <remarks>
    /// When only allocated shares count (see <see cref="ClusterSums"/>) it is the allocated CPUs over the CPUs, kept as
    /// the ledger changes: a pass reads it after every start, and a walk over the nodes each time cost nodes × starts.
    /// </remarks>
    public double ClusterCpu()
    {
        if (_sums.Exact)
        {
            return _sums.Cpus == 0 ? 1 : (double)_sums.AllocatedCpus / _sums.Cpus;
        }

        var total = Accepting.Sum(n => (double)n.Cpus);
        return total == 0 ? 1 : Accepting.Sum(n => CpuUtilization(n) * n.Cpus) / total;
    }

    /// <summary>
    /// The cluster's CPU and memory utilisation once one more CPU is allocated on an accepting node with one free (the
    /// first found when the sums cannot say; they can whenever only allocated shares count, and then which node does not
    /// matter); the current figures when no node has one free.
    /// </summary>
    public (double Cpu, double Memory) ClusterWithOneMoreCpu()
    {
        if (_sums.Exact)
        {
            return (_sums.Cpus == 0 ? 1 : (double)(_sums.AllocatedCpus + (_sums.FreeCpus > 0 ? 1 : 0)) / _sums.Cpus, ClusterMemory());
        }

        if (Accepting.FirstOrDefault(n => n.FreeCpus > 0) is not { } free)
        {
            return (ClusterCpu(), ClusterMemory());
        }

        Allocate(free.Name, 1, 0);
        var cpu = ClusterCpu();
        var memory = ClusterMemory();
        Release(free.Name, 1, 0);
        return (cpu, memory);
    }

    /// <summary>Capacity-weighted cluster memory utilisation over the nodes that accept work, kept like <see cref="ClusterCpu"/>.</summary>
    public double ClusterMemory()
    {
        if (_sums.Exact)
        {
            return _sums.MemoryBytes == 0 ? 1 : (double)_sums.AllocatedMemoryBytes / _sums.MemoryBytes;
        }

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
