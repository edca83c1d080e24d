namespace OpenMosixBatch.Core.Migration;

/// <summary>A move (planned, an administrator's <c>omb migrate</c>, or an eviction) ordered and not yet restarted.</summary>
/// <param name="At">When it was ordered: after <see cref="RebalancingPolicy.InFlightLimit"/> it counts as dropped.</param>
/// <param name="Target">Where the task is going, when known: that node counts as busy with it meanwhile.</param>
public readonly record struct InFlightMove(DateTimeOffset At, string? Target);
