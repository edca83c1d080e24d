using OpenMosixBatch.Simulation.Workload;

namespace OpenMosixBatch.Simulation;

/// <summary>When one job started and ended on the simulated clock (seconds from the trace's start).</summary>
public sealed record JobOutcome(TraceJob Job, long Start, long End)
{
    public long Wait => Start - Job.Submit;

    /// <summary>max(1, (wait + run) / max(run, 10)): slowdown that a very short job cannot blow up.</summary>
    public double BoundedSlowdown => Math.Max(1.0, (double)(Wait + Job.Run) / Math.Max(Job.Run, 10));
}
