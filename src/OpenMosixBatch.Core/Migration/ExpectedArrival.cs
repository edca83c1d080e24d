namespace OpenMosixBatch.Core.Migration;

/// <summary>A task rank 0 expects on <paramref name="Node"/> although that node's load does not show it yet.</summary>
/// <param name="JobId">Job id.</param>
/// <param name="TaskIndex">Array index, or 0.</param>
/// <param name="Node">Where it is going or restarting.</param>
public readonly record struct ExpectedArrival(long JobId, int TaskIndex, string Node);
