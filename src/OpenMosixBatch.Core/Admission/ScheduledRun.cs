using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Admission;

/// <summary>
/// One task's hold on nodes over time in a start-time estimate: a task that runs (its allocation is in the node
/// snapshot already, its end is its start plus walltime) or one the estimate placed in the future.
/// </summary>
/// <param name="End">The predicted end; null when the job has no walltime, so its nodes never come back.</param>
/// <param name="Running">True for a task that runs now, false for one the estimate planned.</param>
internal sealed record ScheduledRun(long JobId, DateTimeOffset Start, DateTimeOffset? End, IReadOnlyList<string> Nodes, ResourceRequest Request, bool Running);
