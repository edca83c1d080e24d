using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// POST /v1/world/attach: rank 0 of a world announces itself, its nodes and the tasks it already runs (a world that
/// outlived a server restart). The server reconciles its records with <see cref="Running"/>.
/// </summary>
public sealed record WorldAttachRequest(string WorldId, IReadOnlyList<NodeLoad> Nodes, IReadOnlyList<RunningTaskRef> Running);

/// <summary>A task a world runs: where, and its session (process group) id.</summary>
public sealed record RunningTaskRef(long JobId, int TaskIndex, string Node, int SessionId);

/// <summary>The attach was accepted; <see cref="Requeued"/> tasks the server thought running were not in the world.</summary>
public sealed record WorldAttachResponse(string WorldId, int Requeued);

/// <summary>What the server tells a world to do; streamed one JSON object a line from GET /v1/world/orders.</summary>
public enum WorldOrderKind
{
    /// <summary>Start task <c>JobId</c>/<c>TaskIndex</c> of <c>Job</c> on <c>Nodes[0]</c> (the other chunks are reserved).</summary>
    Start,

    /// <summary>Kill the task's whole process group on <c>Node</c>, recording <c>Reason</c>.</summary>
    Kill,

    /// <summary>Kill every task and stop the world (the server that launched it is stopping).</summary>
    Stop,

    /// <summary>Nothing to do: sent when idle so that a world notices a dead server.</summary>
    Ping,
}

/// <summary>One order to a world.</summary>
public sealed record WorldOrder(
    WorldOrderKind Kind,
    long JobId = 0,
    int TaskIndex = 0,
    Job? Job = null,
    IReadOnlyList<string>? Nodes = null,
    string? Node = null,
    string? Reason = null);

/// <summary>What happened to a task on its node.</summary>
public enum TaskEventKind
{
    /// <summary>The process started (<c>SessionId</c>, <c>Time</c>).</summary>
    Started,

    /// <summary>The node is killing it for a limit (<c>Reason</c>).</summary>
    Exiting,

    /// <summary>The process ended (<c>ExitStatus</c>, <c>CpuTime</c>, <c>PeakRssBytes</c>, <c>Reason</c> when the node ended it).</summary>
    Ended,

    /// <summary>The node ended it because the node or the world is stopping: not the task's fault, so it is requeued (rerunnable) or failed.</summary>
    Lost,
}

/// <summary>One task event, as rank 0 forwards it.</summary>
public sealed record TaskEvent(
    TaskEventKind Kind,
    long JobId,
    int TaskIndex,
    string Node,
    DateTimeOffset Time,
    int? SessionId = null,
    int? ExitStatus = null,
    TimeSpan CpuTime = default,
    long PeakRssBytes = 0,
    string? Reason = null);

/// <summary>POST /v1/world/report: the latest loads of every node (once a tick) and task events (as they happen).</summary>
public sealed record WorldReport(string WorldId, IReadOnlyList<NodeLoad>? Loads, IReadOnlyList<TaskEvent> Events);

/// <summary>The report's events are committed; <see cref="Attached"/> false tells the world to attach again.</summary>
public sealed record WorldReportResponse(bool Attached);

/// <summary>pbsnodes -o / -c.</summary>
public enum NodeAction
{
    /// <summary>Take the node offline: running tasks finish, no new ones start (drain).</summary>
    Offline,

    /// <summary>Clear the offline state.</summary>
    Clear,
}

/// <summary>POST /v1/nodes/actions (administrators only).</summary>
public sealed record NodeActionRequest(NodeAction Action, IReadOnlyList<string> Nodes, string? Comment);

/// <summary>The nodes changed; unknown names are refused as a whole before anything changes.</summary>
public sealed record NodeActionResponse(IReadOnlyList<NodeView> Nodes);
