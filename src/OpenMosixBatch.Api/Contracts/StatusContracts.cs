using OpenMosixBatch.Core.Admission;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>One qstat -T row: a waiting job and its predicted start (null with <see cref="StartEstimate.Why"/> when unknown).</summary>
public sealed record JobEstimate(string Id, string Name, string User, string Queue, char State, int TaskCount, StartEstimate Estimate);

/// <summary>GET /v1/estimates?user=U: qstat -T, the caller's waiting jobs in admission order.</summary>
public sealed record EstimateListResponse(IReadOnlyList<JobEstimate> Jobs);

/// <summary>
/// One qstat -Q row: the jobs of a queue by state and its admission thresholds (percent). <see cref="MaxRunning"/> is
/// null while the queue has no limit on running jobs (PBS shows 0).
/// </summary>
public sealed record QueueSummary(string Name, int? MaxRunning, int Total, int Queued, int Running, int Held, int Waiting, int Exiting,
    double CpuThresholdPercent, double MemoryThresholdPercent);

/// <summary>GET /v1/queues: qstat -Q.</summary>
public sealed record QueueListResponse(IReadOnlyList<QueueSummary> Queues);

/// <summary>
/// GET /v1/server: qstat -B. The server's state, its jobs by state, the attached world (null when none) and its nodes,
/// the cluster's utilisation as admission measures it, and how long the server has run.
/// </summary>
public sealed record ServerStatus(string Host, string State, DateTimeOffset StartedAt, TimeSpan Uptime, int Total, int Queued, int Running, int Held,
    int Waiting, int Exiting, string? World, DateTimeOffset? WorldAttachedAt, int NodesUp, int NodesTotal, double CpuUtilizationPercent,
    double MemoryUtilizationPercent, double CpuThresholdPercent, double MemoryThresholdPercent, string DefaultQueue);
