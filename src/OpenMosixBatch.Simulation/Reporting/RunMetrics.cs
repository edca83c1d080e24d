namespace OpenMosixBatch.Simulation.Reporting;

/// <summary>The figures of one simulated run (or their mean over windows).</summary>
/// <param name="Jobs">Jobs that started.</param>
/// <param name="MeanWaitSeconds">Mean of start − submit.</param>
/// <param name="P95WaitSeconds">95th percentile of the waits (nearest rank).</param>
/// <param name="MeanBoundedSlowdown">Mean of max(1, (wait + run) / max(run, 10)).</param>
/// <param name="Utilization">
/// Σ(run × processors) / ((last start − first submit) × machine CPUs), RLScheduler's definition: the busy share of the
/// time the scheduler was still placing work. 0 when that span is empty.
/// </param>
/// <param name="MakespanSeconds">Last end − first submit.</param>
/// <param name="Unstarted">Jobs that could never start under the policy (too large for the thresholds).</param>
public sealed record RunMetrics(double Jobs, double MeanWaitSeconds, double P95WaitSeconds, double MeanBoundedSlowdown, double Utilization,
    double MakespanSeconds, double Unstarted)
{
    public static RunMetrics Of(SimulationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var jobs = run.Jobs;
        if (jobs.Count == 0)
        {
            return new RunMetrics(0, 0, 0, 0, 0, 0, run.Unstarted);
        }

        var waits = jobs.Select(j => (double)j.Wait).Order().ToArray();
        var p95 = waits[Math.Max(0, (int)Math.Ceiling(0.95 * waits.Length) - 1)];
        var firstSubmit = jobs.Min(j => j.Job.Submit);
        var span = jobs.Max(j => j.Start) - firstSubmit;
        var work = jobs.Sum(j => (double)j.Job.Run * j.Job.Processors);
        var utilization = span > 0 && run.MachineCpus > 0 ? work / (span * (double)run.MachineCpus) : 0;
        return new RunMetrics(jobs.Count, waits.Average(), p95, jobs.Average(j => j.BoundedSlowdown), utilization,
            jobs.Max(j => j.End) - firstSubmit, run.Unstarted);
    }

    /// <summary>The mean of each figure over <paramref name="windows"/>.</summary>
    public static RunMetrics Mean(IReadOnlyList<RunMetrics> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            throw new ArgumentException("no windows to average", nameof(windows));
        }

        return new RunMetrics(windows.Average(w => w.Jobs), windows.Average(w => w.MeanWaitSeconds), windows.Average(w => w.P95WaitSeconds),
            windows.Average(w => w.MeanBoundedSlowdown), windows.Average(w => w.Utilization), windows.Average(w => w.MakespanSeconds),
            windows.Average(w => w.Unstarted));
    }
}
