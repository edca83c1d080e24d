using System.Text.Json.Serialization;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Server.Web;

// The JSON the dashboard's pages read (assets/app.js). Aggregate figures carry no job name, user or reason; the
// fields that do (task ids on a node, a moved task's id, the jobs page) are filled only for the jobs the caller sees.

/// <summary>The overview page: the cluster against its thresholds, job counts, and one row per node.</summary>
public sealed record OverviewView(DateTimeOffset Time, bool WorldAttached, ClusterView Cluster, JobCounts Jobs, IReadOnlyList<NodeRow> Nodes, SessionView? Session);

/// <summary>Cluster utilisation as admission computes it (<see cref="UtilizationMode"/>), its allocated and measured parts, and the default queue's thresholds.</summary>
public sealed record ClusterView(string Mode, double CpuUtilization, double MemoryUtilization, double CpuAllocated, double MemoryAllocated,
    double? CpuMeasured, double? MemoryMeasured, double CpuThreshold, double MemoryThreshold, int Cpus, long MemoryBytes, int AllocatedCpus,
    long AllocatedMemoryBytes, int NodesUp, int NodesTotal);

/// <summary>Jobs by state, and the tasks that hold nodes.</summary>
public sealed record JobCounts(int Queued, int Held, int Waiting, int Running, int Migrating, int Exiting, int RunningTasks);

/// <summary>One node as pbsnodes shows it, with its measured load and memory; <paramref name="TaskIds"/> lists only tasks the caller may see.</summary>
public sealed record NodeRow(string Name, string State, int Cpus, int AllocatedCpus, double? CpuMeasured, long MemoryBytes, long AllocatedMemoryBytes,
    double? MemoryMeasured, double? LoadAverage, double Speed, int Tasks, IReadOnlyList<string> TaskIds, string? Comment);

/// <summary>The samples of the last hour, one array per series (the layout uPlot draws), times in Unix seconds.</summary>
public sealed record HistoryView(double IntervalSeconds, IReadOnlyList<double> Time, IReadOnlyList<int> Queued, IReadOnlyList<int> Held,
    IReadOnlyList<int> Waiting, IReadOnlyList<int> RunningTasks, IReadOnlyList<int> MigratingTasks, IReadOnlyList<double> EndedPerMinute,
    IReadOnlyList<double?> MeanWaitSeconds, IReadOnlyList<double?> LongestWaitSeconds, IReadOnlyList<double> CpuUtilization,
    IReadOnlyList<double> MemoryUtilization, IReadOnlyList<double> CpuThreshold, IReadOnlyList<double> MemoryThreshold);

/// <summary>A move of a task between nodes: done (with its measured cost) or in flight (state M).</summary>
/// <param name="Task">The task's id, or null for a job the caller may not see.</param>
public sealed record MigrationRow(DateTimeOffset Time, string? Task, string From, string To, long Bytes, double? CostSeconds, bool InFlight);

public sealed record MigrationsView(DateTimeOffset Time, int Total, IReadOnlyList<MigrationRow> Moves);

/// <summary>A job as its owner (or an administrator) sees it on the jobs page.</summary>
public sealed record JobRow(string Id, string Name, string User, string State, string Queue, int Tasks, string? Nodes, string? Reason,
    DateTimeOffset Submitted, DateTimeOffset? Started, DateTimeOffset? Ended, double? WaitSeconds, DateTimeOffset? EstimatedStart);

/// <summary>The jobs page: null <paramref name="Jobs"/> until the caller logs in.</summary>
public sealed record JobsView(DateTimeOffset Time, SessionView? Session, IReadOnlyList<JobRow>? Jobs);

public sealed record SessionView(string User, bool Administrator);

public sealed record LoginRequest(string? Token);

public sealed record LoginResponse(bool Ok, string? Message, SessionView? Session);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(OverviewView))]
[JsonSerializable(typeof(HistoryView))]
[JsonSerializable(typeof(MigrationsView))]
[JsonSerializable(typeof(JobsView))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginResponse))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
