using OpenMosixBatch.Core.Admission;

namespace OpenMosixBatch.Simulation;

/// <summary>What a simulation runs: the server's admission settings, and two rules only literature comparisons use.</summary>
/// <param name="Admission">The server's own settings (thresholds, utilisation mode, queue order, backfill).</param>
/// <param name="Greedy">
/// RLScheduler's backfill instead of the server's (see <see cref="GreedyBackfill"/>); the Core pass then runs without
/// backfill and this rule fills in behind it.
/// </param>
/// <param name="PinHead">
/// RLScheduler's queue discipline: the first job that cannot start stays first until it starts, even when a job that
/// sorts before it (a shorter one under SJF) arrives meanwhile. Modelled by raising that job's priority, which the
/// Core pass orders by first.
/// </param>
public sealed record SimulationPolicy(AdmissionSettings Admission, bool Greedy = false, bool PinHead = false);
