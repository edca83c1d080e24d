namespace OpenMosixBatch.Core.Scheduling;

/// <summary>The outcome of <see cref="MisfireRules.Decide"/>.</summary>
/// <param name="FireNow">True when exactly one run is to be fired now for all the missed times.</param>
/// <param name="FireTime">The missed fire time the run stands for (the latest one), or null when nothing fires.</param>
/// <param name="MissedCount">How many fire times were missed.</param>
/// <param name="Reason">What was decided, for the schedule's record; null when nothing was missed.</param>
public sealed record MisfireDecision(bool FireNow, DateTimeOffset? FireTime, int MissedCount, string? Reason)
{
    public static MisfireDecision NothingMissed { get; } = new(false, null, 0, null);
}
