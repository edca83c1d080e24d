using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Simulation.Reporting;
using OpenMosixBatch.Simulation.Swf;
using OpenMosixBatch.Simulation.Workload;
using OpenMosixBatch.Tests.Shared;

namespace OpenMosixBatch.Simulation.Tests;

/// <summary>
/// Issue 18: RLScheduler's (SC20) average bounded slowdowns on the two Lublin traces, reproduced through the server's
/// admission code within 1% (tests/corpus/traces holds the traces of ../shared/traces, gzipped).
/// </summary>
public sealed class PublishedTableTests
{
    /// <summary>Their ten windows of 1,024 jobs (seed 1), for a trace of 10,000 usable jobs.</summary>
    public static readonly int[] Starts = [1981, 2756, 4299, 8850, 3316, 2714, 5228, 7762, 4022, 7085];

    public static TheoryData<string, QueueOrder, bool, double> Published => new()
    {
        { "lublin_256.swf.gz", QueueOrder.Fcfs, false, 7273.77 },
        { "lublin_256.swf.gz", QueueOrder.Fcfs, true, 235.82 },
        { "lublin_256.swf.gz", QueueOrder.Sjf, false, 277.35 },
        { "lublin_256.swf.gz", QueueOrder.Sjf, true, 73.31 },
        { "lublin_256_new2.swf.gz", QueueOrder.Fcfs, false, 7842.47 },
        { "lublin_256_new2.swf.gz", QueueOrder.Fcfs, true, 247.61 },
        { "lublin_256_new2.swf.gz", QueueOrder.Sjf, false, 787.89 },
        { "lublin_256_new2.swf.gz", QueueOrder.Sjf, true, 91.99 },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Simulate_RlSchedulerRules_ReproducesThePublishedBoundedSlowdownWithinOnePercent(string file, QueueOrder order, bool backfill, double published)
    {
        var trace = SwfReader.Read(Path.Combine(CorpusDirectory.Path, "traces", file));
        var loaded = TraceLoader.Load(trace, LoadingRules.RlScheduler);
        Assert.Equal(10_000, loaded.Jobs.Count);
        var policy = new SimulationPolicy(
            new AdmissionSettings(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds>()) { Order = order, Backfill = backfill ? BackfillMode.Easy : BackfillMode.None },
            Greedy: backfill, PinHead: true);
        var windows = Starts.Select(s => RunMetrics.Of(Simulator.Run(new TraceWindow(s, 1024).Of(loaded.Jobs), Machine.FromHeader(trace), policy))).ToList();
        var mean = RunMetrics.Mean(windows).MeanBoundedSlowdown;
        Assert.True(Math.Abs(mean - published) <= published * 0.01, $"{file} {order} backfill={backfill}: {mean:F2}, published {published:F2}");
    }
}
