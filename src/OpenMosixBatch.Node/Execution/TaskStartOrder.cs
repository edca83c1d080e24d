using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.Execution;

/// <summary>The server's order to start one task of a job on this node.</summary>
/// <param name="Job">The job (spec, owner, ids).</param>
/// <param name="TaskIndex">Array index, or 0.</param>
/// <param name="Nodes">Every node the task's chunks were placed on, one entry per chunk (for PBS_NODEFILE).</param>
/// <param name="RestartCount">OMB_RESTART_COUNT when the server gave one (a restart from a checkpoint); else the task's own count.</param>
/// <param name="Restore">The checkpoint to resume from, already on this node.</param>
public sealed record TaskStartOrder(Job Job, int TaskIndex, IReadOnlyList<string> Nodes, int? RestartCount = null, RestoreArchive? Restore = null)
{
    /// <summary>The task's cookie (<c>OMB_JOB_COOKIE</c>), which <c>omb rsh</c> shows the server to prove it runs inside the task.</summary>
    public string? Cookie { get; init; }
}
