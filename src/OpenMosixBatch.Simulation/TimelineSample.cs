namespace OpenMosixBatch.Simulation;

/// <summary>The simulated cluster just after the decisions at <paramref name="Time"/>.</summary>
public readonly record struct TimelineSample(long Time, int Queued, long RunningCpus);
