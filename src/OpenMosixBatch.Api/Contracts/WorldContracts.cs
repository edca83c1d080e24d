using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// POST /v1/world/attach: rank 0 of a world announces itself, its nodes and the tasks it already runs (a world that
/// outlived a server restart). The server reconciles its records with <see cref="Running"/> and
/// <see cref="Reported"/>: tasks that ended while no server listened, whose events the world's first report carries.
/// Neither kind is lost; any other task the server thought active is.
/// </summary>
public sealed record WorldAttachRequest(string WorldId, IReadOnlyList<NodeLoad> Nodes, IReadOnlyList<RunningTaskRef> Running)
{
    /// <summary>Tasks whose events (an end, a checkpoint) are queued for the first report after this attach.</summary>
    public IReadOnlyList<TaskKey>? Reported { get; init; }

    /// <summary>
    /// The tasks whose starts the first report sends again, where each started (a task may have ended since): a server
    /// that was killed before it stored such a task's dispatch adopts it as running there.
    /// </summary>
    public IReadOnlyList<RunningTaskRef>? Started { get; init; }
}

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

    /// <summary>
    /// Ask task <c>JobId</c>/<c>TaskIndex</c> on <c>Node</c> to checkpoint now (its checkpoint signal); the task is
    /// restarted where <c>Reason</c>'s cause says, as for <see cref="CheckpointCause.Eviction"/>.
    /// </summary>
    Checkpoint,

    /// <summary>
    /// Move task <c>JobId</c>/<c>TaskIndex</c> to node <c>Target</c> now (<c>omb migrate</c>, like openMosix's
    /// <c>migrate PID NODE</c>; <c>omb calibrate</c> uses it); rank 0 carries it out as it would a planner's move.
    /// </summary>
    Migrate,

    /// <summary>
    /// The planner inputs changed: <c>Tunables</c> holds the tunables in force and <c>OfflineNodes</c> the nodes that
    /// take no work (their migratable tasks are expelled). Sent on attach and on every change.
    /// </summary>
    Tune,

    /// <summary>
    /// Send signal <c>Signal</c> to the whole process group of task <c>JobId</c>/<c>TaskIndex</c> on <c>Node</c>
    /// (qsig; SIGSTOP and SIGCONT for qsig -s suspend and resume).
    /// </summary>
    Signal,

    /// <summary>
    /// Start <c>Part</c> as a part of task <c>JobId</c>/<c>TaskIndex</c> of <c>Job</c> on <c>Node</c> (<c>omb rsh</c>): as the
    /// job's user, under the node's shepherd; its output and end come back as <see cref="TaskEventKind.PartOutput"/> and
    /// <see cref="TaskEventKind.PartEnded"/>.
    /// </summary>
    StartPart,

    /// <summary>
    /// qalter changed the walltime or cput of running task <c>JobId</c>/<c>TaskIndex</c> on <c>Node</c>: <c>Job</c>
    /// carries the new request, which the node enforces from now on.
    /// </summary>
    Limits,

    /// <summary>
    /// <c>Input</c> for part <c>Input.PartId</c> of task <c>JobId</c>/<c>TaskIndex</c> on <c>Node</c>: bytes for its stdin,
    /// the end of it, a signal or a terminal's size (<c>omb rsh</c>'s stdin, <c>qsub -I</c>'s keys).
    /// </summary>
    PartInput,
}

/// <summary>
/// One order to a world. A <see cref="WorldOrderKind.Start"/> with <c>Restore</c> resumes the task from that committed
/// checkpoint (the node unpacks it into <c>$OMB_CHECKPOINT_DIR</c> after checking its hash) and sets
/// <c>OMB_RESTART_COUNT</c> to <c>RestartCount</c>.
/// </summary>
public sealed record WorldOrder(
    WorldOrderKind Kind,
    long JobId = 0,
    int TaskIndex = 0,
    Job? Job = null,
    IReadOnlyList<string>? Nodes = null,
    string? Node = null,
    string? Reason = null,
    CheckpointRef? Restore = null,
    int RestartCount = 0,
    string? Target = null,
    TunablesView? Tunables = null,
    IReadOnlyList<string>? OfflineNodes = null,
    int Signal = 0)
{
    /// <summary>
    /// A Start's job cookie (<c>OMB_JOB_COOKIE</c> in the task's environment), which <c>omb rsh</c> shows to prove it runs
    /// inside the task; the server stamps it on the way out.
    /// </summary>
    public string? Cookie { get; init; }

    /// <summary>A <see cref="WorldOrderKind.StartPart"/>'s part.</summary>
    public RemotePartOrder? Part { get; init; }

    /// <summary>A <see cref="WorldOrderKind.PartInput"/>'s input.</summary>
    public RemotePartInput? Input { get; init; }
}

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

    /// <summary>
    /// The task exited with its checkpoint exit code and the server has committed <c>Checkpoint</c> (uploaded before
    /// this event); <c>Cause</c> says where to restart it (<c>Target</c> for a migration).
    /// </summary>
    Checkpointed,

    /// <summary>
    /// Rank 0 ordered the task to move from <c>Node</c> to <c>Target</c> (qstat shows M); <c>MoveCause</c> says why (typed: the
    /// server counts by it) and <c>Reason</c> in words (shown only).
    /// </summary>
    Migrating,

    /// <summary>A migration did not happen (no checkpoint within the grace period, target gone); the task runs on at <c>Node</c>.</summary>
    MigrationDropped,

    /// <summary>Rank 0's planner leaves the task on <c>Node</c> for <c>Reason</c>; sent when the reason changes (qstat -f shows the latest).</summary>
    Stays,

    /// <summary>Part <c>PartId</c> of the task printed <c>Stdout</c> and <c>Stderr</c> on <c>Node</c>.</summary>
    PartOutput,

    /// <summary>Part <c>PartId</c> of the task ended on <c>Node</c> (<c>ExitStatus</c>, <c>CpuTime</c>, <c>PeakRssBytes</c>, <c>Reason</c>).</summary>
    PartEnded,
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
    string? Reason = null,
    CheckpointRef? Checkpoint = null,
    CheckpointCause? Cause = null,
    string? Target = null,
    MigrationReason? MoveCause = null)
{
    /// <summary>The part (<c>omb rsh</c>) a PartOutput or PartEnded is about.</summary>
    public long? PartId { get; init; }

    /// <summary>A PartOutput's bytes from the part's stdout.</summary>
    public byte[]? Stdout { get; init; }

    /// <summary>A PartOutput's bytes from the part's stderr.</summary>
    public byte[]? Stderr { get; init; }
}

/// <summary>POST /v1/world/report: the latest loads of every node (once a tick) and task events (as they happen).</summary>
public sealed record WorldReport(string WorldId, IReadOnlyList<NodeLoad>? Loads, IReadOnlyList<TaskEvent> Events)
{
    /// <summary>
    /// The ranks rank 0 has not heard from for more than two ticks (empty once all are heard again; null: no news). Sent
    /// every tick interval even while ticks do not complete, so the server can tell which host is cut off.
    /// </summary>
    public IReadOnlyList<RankSilence>? Silent { get; init; }
}

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
