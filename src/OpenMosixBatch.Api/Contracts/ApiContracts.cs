using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>POST /v1/jobs: submit one job. The caller's identity comes from the socket, never from the body.</summary>
public sealed record SubmitRequest(JobSpec Spec);

/// <summary>The committed job's id, sent only after the job is durably stored.</summary>
public sealed record SubmitResponse(long Id, string DisplayId);

/// <summary>One qstat row.</summary>
public sealed record JobSummary(
    string Id,
    string Name,
    string User,
    TimeSpan CpuTime,
    char State,
    string Queue,
    int TaskCount);

/// <summary>GET /v1/jobs?user=U&amp;finished=true&amp;tasks=true: qstat listing.</summary>
public sealed record JobListResponse(IReadOnlyList<JobSummary> Jobs);

/// <summary>POST /v1/jobs/actions: qdel / qhold / qrls / qrerun / qmove on several ids at once.</summary>
public sealed record JobActionRequest(JobAction Action, IReadOnlyList<string> Ids)
{
    /// <summary>The queue a <see cref="JobAction.Move"/> moves the jobs to; null for the other actions.</summary>
    public string? Destination { get; init; }
}

/// <summary>What qdel, qhold, qrls, qrerun and qmove ask for.</summary>
public enum JobAction
{
    Delete,
    Hold,
    Release,

    /// <summary>qrerun (administrators): kill the running tasks and queue them again.</summary>
    Rerun,

    /// <summary>qmove: move a job that has not started to the queue <see cref="JobActionRequest.Destination"/>.</summary>
    Move,
}

/// <summary>
/// POST /v1/jobs/migrate (<c>omb migrate ID NODE</c>): move a running, checkpointing task to <see cref="Target"/>.
/// Accepted once the order is sent; the move shows in qstat as M, then in the job's migration record.
/// </summary>
public sealed record MigrateRequest(string Id, string Target);

/// <summary>Per-id outcome of a <see cref="JobActionRequest"/>; <see cref="Error"/> is null on success.</summary>
public sealed record JobActionResult(string Id, bool Ok, string? Error, ApiErrorKind? ErrorKind);

public sealed record JobActionResponse(IReadOnlyList<JobActionResult> Results);

/// <summary>GET /v1/jobs/{id}: the full record (qstat -f), with the predicted start while the job waits.</summary>
public sealed record JobDetailResponse(Job Job, OpenMosixBatch.Core.Admission.StartEstimate? Estimate = null);

/// <summary>One pbsnodes row: the node as admission sees it, its tasks, its load and why it is offline or down.</summary>
public sealed record NodeView(NodeSnapshot Node, IReadOnlyList<string> Tasks, double? LoadAverage = null, string? Comment = null);

public sealed record NodeListResponse(IReadOnlyList<NodeView> Nodes);

/// <summary>Error kinds map to CLI exit codes: refused 1, bad input 2, unavailable and storage full 3.</summary>
public enum ApiErrorKind
{
    /// <summary>The request was well formed but refused (unknown job, another user's job, state forbids it).</summary>
    Refused,

    /// <summary>The request itself is wrong (bad resource request, impossible job, malformed field).</summary>
    BadInput,

    /// <summary>The server could not store the change; nothing was acknowledged.</summary>
    Unavailable,

    /// <summary>The server could not store the change because the file system of its OMB_HOME is full (HTTP 507); nothing was acknowledged.</summary>
    StorageFull,
}

/// <summary>The body of every non-2xx answer: one line that names the problem and the fix.</summary>
public sealed record ApiError(ApiErrorKind Kind, string Message);
