using OpenMosixBatch.Simulation.Reporting;
using OpenMosixBatch.Simulation.Workload;

namespace OpenMosixBatch.Simulation.Tests.Reporting;

public sealed class RunMetricsTests
{
    [Fact]
    public void Of_TwoJobs_ComputesEachFigure()
    {
        // Machine of 4 CPUs. Job a: submit 0, start 0, run 100 on 2 CPUs. Job b: submit 10, start 100, run 5 on 4 CPUs.
        var run = new SimulationRun(
            [new JobOutcome(new TraceJob(1, 0, 100, 2, 100, 0), 0, 100), new JobOutcome(new TraceJob(2, 10, 5, 4, 5, 0), 100, 105)], 0, 4, []);

        var m = RunMetrics.Of(run);

        Assert.Equal(2, m.Jobs);
        Assert.Equal(45, m.MeanWaitSeconds);
        Assert.Equal(90, m.P95WaitSeconds);
        // a: max(1, 100/100) = 1; b: max(1, (90 + 5) / max(5, 10)) = 9.5.
        Assert.Equal(5.25, m.MeanBoundedSlowdown);
        // (100·2 + 5·4) / ((100 − 0) · 4).
        Assert.Equal(0.55, m.Utilization, 9);
        Assert.Equal(105, m.MakespanSeconds);
    }

    [Fact]
    public void Of_NoJob_IsAllZero() => Assert.Equal(0, RunMetrics.Of(new SimulationRun([], 3, 4, [])).Jobs);

    [Fact]
    public void Mean_OfWindows_AveragesEachFigure()
    {
        var m = RunMetrics.Mean([new RunMetrics(10, 1, 2, 3, 0.5, 100, 0), new RunMetrics(20, 3, 4, 5, 0.7, 300, 2)]);

        Assert.Equal(new RunMetrics(15, 2, 3, 4, 0.6, 200, 1), m);
    }
}
