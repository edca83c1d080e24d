using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.Placement;

/// <summary>
/// What <see cref="NodeLedger"/> keeps of its accepting nodes as a whole, changed node by node as allocations change:
/// the CPUs and memory they offer, what is allocated of them and the CPUs free.
/// </summary>
/// <remarks>
/// The cluster's utilisation is the capacity-weighted mean of the nodes'. While every node's utilisation is its
/// allocated share (<see cref="Exact"/>), that mean is the allocated total over the capacity, which these sums give
/// without a walk, and one more CPU on any node with one free adds one to it. A node with a measured load (outside
/// <see cref="UtilizationMode.Allocated"/>), a negative capacity or a negative allocation (a node of no CPUs would then
/// have some free) makes the ledger walk its nodes as before.
/// </remarks>
internal struct ClusterSums
{
    public long Cpus;
    public long MemoryBytes;
    public long AllocatedCpus;
    public long AllocatedMemoryBytes;
    public long FreeCpus;

    /// <summary>Accepting nodes with a measured CPU or memory utilisation.</summary>
    public int Measured;

    /// <summary>Accepting nodes whose utilisation is not (or not only) their allocated share.</summary>
    public int Irregular;

    /// <summary>True when the cluster's utilisation is the allocated totals over the capacities.</summary>
    public readonly bool Exact => Irregular == 0;

    /// <summary>Adds (<paramref name="sign"/> +1) or takes away (−1) what <paramref name="n"/> counts for.</summary>
    public void Add(NodeSnapshot n, UtilizationMode mode, int sign)
    {
        if (!n.AcceptsWork)
        {
            return;
        }

        var measured = n.MeasuredCpuUtilization is not null || n.MeasuredMemoryUtilization is not null;
        Measured += measured ? sign : 0;
        Irregular += IsIrregular(n, mode, measured) ? sign : 0;
        Cpus += sign * n.Cpus;
        MemoryBytes += sign * n.MemoryBytes;

        // A node of no capacity counts as full (utilisation 1) with weight 0: it adds nothing to the mean.
        AllocatedCpus += n.Cpus == 0 ? 0 : sign * n.AllocatedCpus;
        AllocatedMemoryBytes += n.MemoryBytes == 0 ? 0 : sign * n.AllocatedMemoryBytes;
        FreeCpus += sign * n.FreeCpus;
    }

    private static bool IsIrregular(NodeSnapshot n, UtilizationMode mode, bool measured) =>
        n.Cpus < 0 || n.MemoryBytes < 0 || n.AllocatedCpus < 0 || n.AllocatedMemoryBytes < 0
        || (mode != UtilizationMode.Allocated && measured);
}
