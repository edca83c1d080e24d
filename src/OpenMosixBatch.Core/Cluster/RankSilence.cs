namespace OpenMosixBatch.Core.Cluster;

/// <summary>
/// How long rank 0 has heard nothing from another rank: neither a completed tick nor the heartbeat a rank sends while
/// it waits for a tick that does not complete. Rank 0 reports ranks that are late by more than two ticks.
/// </summary>
/// <param name="Node">The rank's node.</param>
/// <param name="Rank">The rank.</param>
/// <param name="Silence">Time since rank 0 last heard from it.</param>
public sealed record RankSilence(string Node, int Rank, TimeSpan Silence);
