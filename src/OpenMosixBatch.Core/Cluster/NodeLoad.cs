namespace OpenMosixBatch.Core.Cluster;

/// <summary>What one rank reports about its node every tick (exchanged over MPI, forwarded to the server).</summary>
/// <param name="Node">Node name.</param>
/// <param name="Rank">MPI rank.</param>
/// <param name="Cpus">CPUs the node offers to batch work.</param>
/// <param name="MemoryBytes">Memory the node offers to batch work.</param>
/// <param name="Speed">Relative speed.</param>
/// <param name="CpuUtilization">Measured busy fraction of the host's CPUs, 0..1.</param>
/// <param name="LoadAverage">1-minute load average.</param>
/// <param name="FreeMemoryBytes">Memory available on the host (MemAvailable, capped by the node's share).</param>
/// <param name="Tasks">The tasks running there.</param>
public sealed record NodeLoad(
    string Node,
    int Rank,
    int Cpus,
    long MemoryBytes,
    double Speed,
    double CpuUtilization,
    double LoadAverage,
    long FreeMemoryBytes,
    IReadOnlyList<TaskLoad> Tasks)
{
    /// <summary>
    /// Why the node's health check failed on its latest run (its first line of output, or the exit status or
    /// timeout), or null while it passes or none is configured. The server takes a failing node offline.
    /// </summary>
    public string? HealthFailure { get; init; }

    /// <summary>
    /// Set by rank 0 once the server ordered the world to stop (the server itself is stopping): every rank ends its
    /// tasks on the final tick. A world that stops for any other reason (SIGTERM from mpiexec, a rank that died)
    /// leaves its tasks to their shepherds, for the next world's ranks to adopt.
    /// </summary>
    public bool EndingTasks { get; init; }

    /// <summary>
    /// NVIDIA GPUs the rank detected on its host (<see cref="GpuCount"/>), 0 when none or when simulated nodes share the
    /// host. The server uses them for a node cluster.json declares no GPUs for (a declared count wins).
    /// </summary>
    public int Gpus { get; init; }
}
