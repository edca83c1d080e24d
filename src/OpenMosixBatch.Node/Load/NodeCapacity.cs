namespace OpenMosixBatch.Node.Load;

/// <summary>What this rank offers: set per node in conf/cluster.json or by --node-cpus/--node-mem, else measured.</summary>
public sealed record NodeCapacity(string Name, int Rank, int Cpus, long MemoryBytes, double Speed)
{
    /// <summary>Host cores this rank and its tasks are pinned to (the shape's "cpuset"), or null for all.</summary>
    public IReadOnlyList<int>? CpuSet { get; init; }

    /// <summary>NVIDIA GPUs detected on the host (<see cref="GpuDetector"/>); 0 for nodes that share a host.</summary>
    public int Gpus { get; init; }
}
