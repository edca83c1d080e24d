namespace OpenMosixBatch.Core.Jobs;

/// <summary>A task of a job, by job id and array index: what a node, the planner and the wire name a task by.</summary>
/// <param name="JobId">Job id.</param>
/// <param name="TaskIndex">Array index, or 0 for a plain job.</param>
public readonly record struct TaskKey(long JobId, int TaskIndex);
