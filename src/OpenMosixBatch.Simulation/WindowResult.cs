using OpenMosixBatch.Simulation.Reporting;
using OpenMosixBatch.Simulation.Workload;

namespace OpenMosixBatch.Simulation;

/// <summary>One window's run (the whole trace when <see cref="Window"/> is null) and its figures.</summary>
public sealed record WindowResult(TraceWindow? Window, SimulationRun Run)
{
    public RunMetrics Metrics { get; } = RunMetrics.Of(Run);
}
