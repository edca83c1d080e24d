namespace OpenMosixBatch.Server.Cron;

/// <summary>Fire times that passed while the server was down: the first ones and the latest, in order.</summary>
/// <param name="Times">The listed fire times, oldest first; the last one is always the latest missed time.</param>
/// <param name="Truncated">True when more were missed than are listed (between the last two listed).</param>
public sealed record MissedFireTimes(IReadOnlyList<DateTimeOffset> Times, bool Truncated);
