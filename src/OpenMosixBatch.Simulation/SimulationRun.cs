namespace OpenMosixBatch.Simulation;

/// <summary>What one simulation produced.</summary>
/// <param name="Jobs">Every job that started, in start order.</param>
/// <param name="Unstarted">Jobs still waiting when nothing ran any more: they can never start under this policy.</param>
/// <param name="MachineCpus">The cluster's CPUs.</param>
/// <param name="Timeline">The queue and the running CPUs after each event time.</param>
public sealed record SimulationRun(IReadOnlyList<JobOutcome> Jobs, int Unstarted, long MachineCpus, IReadOnlyList<TimelineSample> Timeline);
