namespace OpenMosixBatch.Node.Load;

/// <summary>What this rank offers: set per node in conf/cluster.json or by --node-cpus/--node-mem, else measured.</summary>
public sealed record NodeCapacity(string Name, int Rank, int Cpus, long MemoryBytes, double Speed)
{
    /// <summary>Host cores this rank and its tasks are pinned to (the shape's "cpuset"), or null for all.</summary>
    public IReadOnlyList<int>? CpuSet { get; init; }

    /// <summary>
    /// The node's GPUs: those the cluster file states (<see cref="DeclaredGpus"/>), else the NVIDIA GPUs detected on its
    /// host (<see cref="GpuDetector"/>), 0 for nodes that share a host (<see cref="Hosting.NodeIdentity.EffectiveGpus"/>).
    /// </summary>
    public int Gpus { get; init; }

    /// <summary>The GPUs the shape file states for the node (<c>"gpus"</c>, 0 included), or null when it states none.</summary>
    public int? DeclaredGpus { get; init; }
}
