namespace OpenMosixBatch.Simulation.Processes;

/// <summary>What <see cref="ProcessWorkload"/> generates: an openMosix-style stream of processes.</summary>
/// <param name="Count">How many processes arrive.</param>
/// <param name="Seed">The random seed: the same seed gives the same workload.</param>
/// <param name="Load">Offered load: total work per second of arrivals over the cluster's capacity (CPUs × speed).</param>
/// <param name="CheckpointingShare">Fraction of the processes that checkpoint, and so may migrate (0..1).</param>
/// <param name="MaxLifetimeSeconds">The longest lifetime drawn (the heavy tail is cut there).</param>
/// <param name="MinMemoryBytes">Smallest memory size (sizes are log-uniform between the two bounds).</param>
/// <param name="MaxMemoryBytes">Largest memory size.</param>
public sealed record ProcessWorkloadSpec(int Count = 2000, int Seed = 1, double Load = 0.7, double CheckpointingShare = 0.5,
    double MaxLifetimeSeconds = 10_000, long MinMemoryBytes = 4L << 20, long MaxMemoryBytes = 256L << 20)
{
    /// <summary>The problem with the spec, or null when it can be generated.</summary>
    public string? Problem() =>
        Count < 1 ? "give at least one process"
        : Load is not (> 0 and <= 10) ? "the load must be above 0 and at most 10 (1 = arrivals bring exactly the cluster's capacity)"
        : CheckpointingShare is not (>= 0 and <= 1) ? "the checkpointing share is a percentage from 0 to 100"
        : MaxLifetimeSeconds < 1 ? "the longest lifetime must be at least 1 s"
        : MinMemoryBytes < 1 || MaxMemoryBytes < MinMemoryBytes ? "memory sizes need 0 < smallest ≤ largest"
        : null;
}
