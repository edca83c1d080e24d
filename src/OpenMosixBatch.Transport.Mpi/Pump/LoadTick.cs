namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>
/// One completed tick: every rank's report, indexed by rank, identical on every rank.
/// </summary>
/// <param name="Sequence">Tick number, from 1, the same on every rank.</param>
/// <param name="Reports">Report of rank i at index i.</param>
/// <param name="IsFinal">True on the tick where the ranks agreed to stop; no tick follows it.</param>
public sealed record LoadTick<TReport>(long Sequence, IReadOnlyList<TReport> Reports, bool IsFinal);
