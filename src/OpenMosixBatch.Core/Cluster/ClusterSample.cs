namespace OpenMosixBatch.Core.Cluster;

/// <summary>The cluster at one instant, as the dashboard's plots draw it over the last hour.</summary>
/// <param name="Time">When it was taken.</param>
/// <param name="Queued">Jobs in Q: eligible and waiting for admission.</param>
/// <param name="Held">Jobs in H.</param>
/// <param name="Waiting">Jobs in W (dependencies, start time).</param>
/// <param name="RunningTasks">Tasks running, migrating or exiting: what holds nodes.</param>
/// <param name="MigratingTasks">Tasks in M: a checkpoint in flight between nodes.</param>
/// <param name="EndedPerMinute">Tasks that ended since the previous sample, per minute (throughput).</param>
/// <param name="MeanWaitSeconds">Mean queue wait (start − submit) of the jobs that started since the previous sample; null when none did.</param>
/// <param name="LongestWaitSeconds">How long the oldest queued job has waited so far; null when none waits.</param>
/// <param name="CpuUtilization">Cluster CPU utilisation as admission computes it (0..1).</param>
/// <param name="MemoryUtilization">Cluster memory utilisation as admission computes it (0..1).</param>
/// <param name="CpuThreshold">The default queue's CPU threshold (0..1) at that time.</param>
/// <param name="MemoryThreshold">The default queue's memory threshold (0..1) at that time.</param>
public sealed record ClusterSample(
    DateTimeOffset Time,
    int Queued,
    int Held,
    int Waiting,
    int RunningTasks,
    int MigratingTasks,
    double EndedPerMinute,
    double? MeanWaitSeconds,
    double? LongestWaitSeconds,
    double CpuUtilization,
    double MemoryUtilization,
    double CpuThreshold,
    double MemoryThreshold);
