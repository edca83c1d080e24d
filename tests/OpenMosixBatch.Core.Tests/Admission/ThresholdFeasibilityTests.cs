using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Admission;

/// <summary>A job that alone exceeds its queue's thresholds on the whole cluster is refused at submission, not left waiting.</summary>
public sealed class ThresholdFeasibilityTests
{
    private static readonly NodeSnapshot[] TwoNodes = [Node("a"), Node("b")];   // 2 CPUs and 4 GiB each

    private static AdmissionSettings Settings(double cpu = 0.9, double memory = 0.85, UtilizationMode mode = UtilizationMode.Max) =>
        new(new AdmissionThresholds(cpu, memory), new Dictionary<string, AdmissionThresholds> { ["express"] = new(1, 1) }, mode);

    [Fact]
    public void AllFourCpusAt90Percent_IsRefusedNamingTheLimitAndTheFix() =>
        Assert.Equal(
            "the job asks for 4 of the cluster's 4 CPUs (100%), and queue batch starts a job only while cluster CPU stays at or under 90%, so it would never start: ask for at most 3 CPUs (e.g. -l select=3:ncpus=1), or ask an administrator to raise Omb:Admission:CpuThreshold",
            ThresholdFeasibility.WhyNeverAdmitted(new ResourceRequest(Chunks: 2, CpusPerChunk: 2), TwoNodes, Settings(), "batch"));

    [Fact]
    public void ThreeOfFourCpus_IsAccepted() =>
        Assert.Null(ThresholdFeasibility.WhyNeverAdmitted(new ResourceRequest(Chunks: 3), TwoNodes, Settings(), "batch"));

    [Fact]
    public void AQueueOfItsOwn_IsCheckedAgainstItsOwnThreshold_AndNamesItsKey()
    {
        Assert.Null(ThresholdFeasibility.WhyNeverAdmitted(new ResourceRequest(Chunks: 2, CpusPerChunk: 2), TwoNodes, Settings(), "express"));
        var strict = new AdmissionSettings(new AdmissionThresholds(1, 1), new Dictionary<string, AdmissionThresholds> { ["small"] = new(0.5, 1) });

        Assert.EndsWith("raise Omb:Admission:Queues:small:CpuThreshold",
            ThresholdFeasibility.WhyNeverAdmitted(new ResourceRequest(Chunks: 3), TwoNodes, strict, "small"), StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryOverTheMemoryThreshold_IsRefused() =>
        Assert.StartsWith("the job asks for 7 GiB of the cluster's 8 GiB of memory (87.5%), and queue batch starts a job only while cluster memory stays at or under 85%",
            ThresholdFeasibility.WhyNeverAdmitted(new ResourceRequest(MemoryBytesPerChunk: 7L << 30), TwoNodes, Settings(), "batch"), StringComparison.Ordinal);

    [Fact]
    public void MeasuredUtilisation_NeverRefuses() =>
        Assert.Null(ThresholdFeasibility.WhyNeverAdmitted(new ResourceRequest(Chunks: 2, CpusPerChunk: 2), TwoNodes, Settings(mode: UtilizationMode.Measured), "batch"));

    [Fact]
    public void CountsEveryNode_AnOfflineOneToo() =>
        Assert.Null(ThresholdFeasibility.WhyNeverAdmitted(new ResourceRequest(Chunks: 3), [Node("a"), Node("b", state: NodeState.Offline)], Settings(), "batch"));

    [Fact]
    public void MixedChunks_CountEveryKind() =>
        Assert.NotNull(ThresholdFeasibility.WhyNeverAdmitted(new ResourceRequest(CpusPerChunk: 2) { MoreChunks = [new ChunkKind(2, 1, 0)] }, TwoNodes, Settings(), "batch"));

    [Fact]
    public void SubmissionValidator_RefusesWithTheLimits_AndLeavesItToAdmissionWithout()
    {
        var spec = Spec() with { Resources = new ResourceRequest(Chunks: 2, CpusPerChunk: 2) };

        var refusal = SubmissionValidator.Check(spec, TwoNodes, _ => null, SubmissionLimits.Default with { Admission = Settings() });

        Assert.Equal(SubmissionRefusalKind.NeverFits, refusal?.Kind);
        Assert.Null(SubmissionValidator.Check(spec, TwoNodes, _ => null));
    }

    [Fact]
    public void Plan_AJobTheValidatorAccepts_StartsOnTheIdleCluster()
    {
        // The refusal's bound is admission's own: at 3 of 4 CPUs the idle cluster admits it.
        var spec = Spec() with { Resources = new ResourceRequest(Chunks: 3) };
        Assert.Null(SubmissionValidator.Check(spec, TwoNodes, _ => null, SubmissionLimits.Default with { Admission = Settings() }));

        var plan = AdmissionPolicy.Plan([Submit(1, spec)], TwoNodes, Settings(), T0);

        Assert.Single(plan.Starts);
    }
}
