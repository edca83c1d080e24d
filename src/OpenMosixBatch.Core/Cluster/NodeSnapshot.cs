namespace OpenMosixBatch.Core.Cluster;

/// <summary>
/// One node as admission and placement see it at one instant: its capacity, what the scheduler has
/// allocated on it, and what was measured on it (non-batch load counts, as with PBS moms' ideal_load).
/// </summary>
/// <param name="Name">Node name as pbsnodes shows it.</param>
/// <param name="Cpus">CPUs the node offers.</param>
/// <param name="MemoryBytes">Memory the node offers.</param>
/// <param name="Speed">Relative speed (1.0 = reference node).</param>
/// <param name="AllocatedCpus">CPUs allocated to batch tasks.</param>
/// <param name="AllocatedMemoryBytes">Memory allocated to batch tasks.</param>
/// <param name="MeasuredCpuUtilization">Measured CPU busy fraction 0..1, or null when not measured.</param>
/// <param name="MeasuredMemoryUtilization">Measured memory used fraction 0..1, or null when not measured.</param>
/// <param name="State">Administrative and reachability state.</param>
public sealed record NodeSnapshot(
    string Name,
    int Cpus,
    long MemoryBytes,
    double Speed = 1.0,
    int AllocatedCpus = 0,
    long AllocatedMemoryBytes = 0,
    double? MeasuredCpuUtilization = null,
    double? MeasuredMemoryUtilization = null,
    NodeState State = NodeState.Free)
{
    /// <summary>
    /// The host cores a simulated node is pinned to (a CPU list like <c>0-1</c>), or null for all of them: nodes that
    /// share one host then compete only for their own cores, as separate machines would.
    /// </summary>
    public string? CpuSet { get; init; }

    /// <summary>
    /// The host the node's rank runs on (a host name or address mpiexec reaches it by), or null when every rank runs on
    /// the server's host.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>GPUs the node declares (<c>"gpus"</c> in conf/cluster.json), numbered 0 to Gpus − 1.</summary>
    public int Gpus { get; init; }

    /// <summary>
    /// True when conf/cluster.json states the node's <c>"gpus"</c>, 0 included: that count is the node's, whatever its
    /// rank detects (<c>"gpus": 0</c> hides a host's GPUs from jobs). False: the node has the GPUs its rank detects.
    /// </summary>
    public bool GpusDeclared { get; init; }

    /// <summary>GPUs allocated to batch tasks.</summary>
    public int AllocatedGpus { get; init; }

    /// <summary>The node's properties (<c>"properties"</c> in conf/cluster.json), which jobs may ask for.</summary>
    public IReadOnlyList<string> Properties { get; init => field = value ?? []; } = [];

    /// <summary>Chunks of exclusive jobs (<c>place=excl</c>) on the node: while one is there, nothing else may start on it.</summary>
    public int ExclusiveChunks { get; init; }

    public int FreeGpus => Math.Max(0, Gpus - AllocatedGpus);

    public int FreeCpus => Math.Max(0, Cpus - AllocatedCpus);

    public long FreeMemoryBytes => Math.Max(0, MemoryBytes - AllocatedMemoryBytes);

    /// <summary>True when the node may be given new work.</summary>
    public bool AcceptsWork => State is NodeState.Free or NodeState.Busy;
}
