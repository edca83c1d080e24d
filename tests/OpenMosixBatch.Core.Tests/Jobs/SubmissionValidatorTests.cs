using OpenMosixBatch.Core.Jobs;
using static OpenMosixBatch.Core.Tests.Jobs.TestJobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class SubmissionValidatorTests
{
    private static readonly Job Known = Submit(1);

    private static string? Validate(JobSpec spec) =>
        SubmissionValidator.Validate(spec, [Node("node1", cpus: 4, memGb: 8)], id => id == 1 ? Known : null);

    [Fact]
    public void Validate_GoodSpec_IsNull() => Assert.Null(Validate(Spec()));

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Validate_BadSpec_NamesTheProblem(JobSpec spec, string named) =>
        Assert.Contains(named, Validate(spec), StringComparison.Ordinal);

    public static TheoryData<JobSpec, string> BadSpecs() => new()
    {
        { Spec() with { Name = "a b" }, "job name" },
        { Spec() with { Queue = "9q" }, "queue name" },
        { Spec() with { Script = null }, "empty command" },
        { Spec() with { Command = ["echo"] }, "not both" },
        { Spec() with { Script = new string('x', (int)SubmissionLimits.DefaultMaxScriptBytes + 1) }, "more than the limit of 4194304 (4 MiB)" },
        { Spec() with { Array = new ArraySpec([.. Enumerable.Range(1, SubmissionLimits.DefaultMaxArrayElements + 1)]) }, "Omb:Limits:MaxArrayElements" },
        { Spec() with { Array = new ArraySpec([]) }, "at least 1 element" },
        { Spec() with { Resources = new ResourceRequest(CpusPerChunk: 0) }, "at least 1" },
        { Spec() with { Resources = new ResourceRequest(MemoryBytesPerChunk: -1) }, "negative" },
        { Spec() with { Resources = new ResourceRequest(Walltime: TimeSpan.Zero) }, "walltime" },
        { Spec() with { Priority = 5000 }, "priority" },
        { Spec() with { Array = new ArraySpec([3, 1]) }, "ascending" },
        { Spec() with { Array = new ArraySpec([1], 0) }, "%LIMIT" },
        { Spec() with { WorkingDirectory = "rel" }, "absolute" },
        { Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, 41)] }, "unknown job 41" },
        { Spec(cpus: 16), "largest node is node1" },
    };

    [Fact]
    public void Validate_DependencyOnKnownJob_IsAccepted() =>
        Assert.Null(Validate(Spec() with { Dependencies = [new Dependency(DependencyType.AfterAny, 1)] }));
}
