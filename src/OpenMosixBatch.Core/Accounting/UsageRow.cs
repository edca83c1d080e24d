namespace OpenMosixBatch.Core.Accounting;

/// <summary>One line of <c>omb report</c>: the usage of one user, group or queue (or of all, <see cref="Key"/> "total").</summary>
/// <param name="By">"user", "group", "queue" or "total".</param>
/// <param name="Key">The user's name, the group's name (or gid), the queue's name; "total" for the total.</param>
/// <param name="Jobs">Finished jobs.</param>
/// <param name="CpuHoursAllocated">CPU-hours the jobs held (CPUs asked for × run time).</param>
/// <param name="CpuHoursUsed">CPU-hours their processes used.</param>
/// <param name="MeanWaitSeconds">Mean time from submission to start.</param>
/// <param name="P95WaitSeconds">95th percentile of that wait (nearest rank).</param>
/// <param name="Efficiency">CPU used over CPU allocated (0 when nothing was allocated).</param>
public sealed record UsageRow(string By, string Key, long Jobs, double CpuHoursAllocated, double CpuHoursUsed, double MeanWaitSeconds,
    double P95WaitSeconds, double Efficiency);
