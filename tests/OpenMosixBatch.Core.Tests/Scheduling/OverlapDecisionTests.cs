using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Scheduling;

public class OverlapDecisionTests
{
    private static readonly JobSpec Spec = new()
    {
        Name = "nightly",
        WorkingDirectory = "/home/ann",
        SubmitDirectory = "/home/ann",
        Dependencies = [new Dependency(DependencyType.AfterOk, 7)],
    };

    [Fact]
    public void Apply_Submit_ReturnsTheSpecUnchanged() =>
        Assert.Same(Spec, OverlapRules.Decide(OverlapPolicy.Allow, new PreviousRun(41, JobState.Running)).Apply(Spec));

    [Fact]
    public void Apply_Queue_AddsAfterAnyOnThePreviousRunAndKeepsTheOthers()
    {
        var spec = OverlapRules.Decide(OverlapPolicy.Queue, new PreviousRun(41, JobState.Running)).Apply(Spec);
        Assert.Equal([new Dependency(DependencyType.AfterOk, 7), new Dependency(DependencyType.AfterAny, 41)], spec.Dependencies);
    }

    [Fact]
    public void Apply_QueueWhenTheDependencyIsAlreadyThere_AddsItOnce()
    {
        var decision = OverlapRules.Decide(OverlapPolicy.Queue, new PreviousRun(41, JobState.Queued));
        var spec = decision.Apply(decision.Apply(Spec));
        Assert.Single(spec.Dependencies, d => d.JobId == 41);
    }

    [Fact]
    public void Apply_Skip_Throws() =>
        Assert.Throws<InvalidOperationException>(() => OverlapRules.Decide(OverlapPolicy.Skip, new PreviousRun(41, JobState.Running)).Apply(Spec));
}
