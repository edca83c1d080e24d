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
    [MemberData(nameof(TypedRefusals))]
    public void Check_BadSpec_GivesTheKindTheServerCountsBy(JobSpec spec, SubmissionRefusalKind kind)
    {
        var refusal = SubmissionValidator.Check(spec, [Node("node1", cpus: 4, memGb: 8)], id => id == 1 ? Known : null);

        Assert.Equal(kind, refusal?.Kind);
        Assert.Equal(Validate(spec), refusal?.Text);
    }

    public static TheoryData<JobSpec, SubmissionRefusalKind> TypedRefusals() => new()
    {
        { Spec() with { Name = "a b" }, SubmissionRefusalKind.BadRequest },
        { Spec() with { Array = new ArraySpec([.. Enumerable.Range(1, SubmissionLimits.DefaultMaxArrayElements + 1)]) }, SubmissionRefusalKind.OverLimit },
        { Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, 2)] }, SubmissionRefusalKind.UnknownDependency },
        { Spec() with { Resources = new ResourceRequest(CpusPerChunk: 64) }, SubmissionRefusalKind.NeverFits },
    };

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
        { Spec() with { Dependencies = [null!] }, "malformed job: dependencies is missing or holds an empty entry" },
        { Spec() with { Resources = null! }, "malformed job: resources" },
        { Spec() with { Command = null! }, "malformed job: command" },
        { Spec() with { Resources = new ResourceRequest(CpusPerChunk: 0) }, "at least 1" },
        { Spec() with { Resources = new ResourceRequest(MemoryBytesPerChunk: -1) }, "negative" },
        { Spec() with { Resources = new ResourceRequest(Walltime: TimeSpan.Zero) }, "walltime" },
        { Spec() with { Priority = 5000 }, "priority" },
        { Spec() with { Array = new ArraySpec([3, 1]) }, "ascending" },
        { Spec() with { Array = new ArraySpec([1], 0) }, "%LIMIT" },
        { Spec() with { WorkingDirectory = "rel" }, "absolute" },
        { Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, 41)] }, "unknown job 41" },
        { Spec(cpus: 16), "largest node is node1" },
        { Spec() with { Resources = new ResourceRequest(Chunks: 1 << 30, CpusPerChunk: 2) }, "more than any count can hold" },
        { Spec() with { Resources = new ResourceRequest(Chunks: 1 << 30, MemoryBytesPerChunk: 1L << 40) }, "more than any count can hold" },
        { Spec() with { Resources = new ResourceRequest(Chunks: 5) }, "the whole cluster can never hold 5 chunks" },
        { Spec() with { Environment = new Dictionary<string, string> { ["V"] = new('x', (int)SubmissionLimits.DefaultMaxJobBytes) } }, "Omb:Limits:MaxJobSize" },
        { Spec() with { Script = new string('\u0001', 3_900_000) }, "Omb:Limits:MaxJobSize" },
    };

    [Fact]
    public void Validate_DefaultLimits_TheLargestScriptAndTheLargestArrayEachFitTheStore()
    {
        Assert.Null(Validate(Spec() with { Script = new string('x', (int)SubmissionLimits.DefaultMaxScriptBytes) }));
        Assert.Null(Validate(Spec() with { Array = new ArraySpec([.. Enumerable.Range(1, SubmissionLimits.DefaultMaxArrayElements)]) }));
    }

    [Fact]
    public void Validate_DependencyOnKnownJob_IsAccepted() =>
        Assert.Null(Validate(Spec() with { Dependencies = [new Dependency(DependencyType.AfterAny, 1)] }));

    [Fact]
    public void Validate_DependencyChain_IsAcceptedAtTheDepthLimitAndRefusedOneDeeper()
    {
        var limits = SubmissionLimits.Default with { MaxDependencyDepth = 3 };
        var jobs = new Dictionary<long, Job> { [1] = Submit(1) };
        for (long id = 2; id <= 4; id++)
        {
            jobs[id] = Submit(id, Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, id - 1)] });
        }

        string? Next(long after) => SubmissionValidator.Validate(Spec() with { Dependencies = [new Dependency(DependencyType.AfterOk, after)] },
            [Node("node1", cpus: 4, memGb: 8)], jobs.GetValueOrDefault, limits);

        Assert.Null(Next(3));
        Assert.Equal(
            "the job would wait at the end of a dependency chain more than 3 jobs deep, the limit: depend on a job nearer the start of the chain, or submit the rest when the chain has moved on, or ask an administrator to raise Omb:Limits:MaxDependencyDepth in conf/omb.json",
            Next(4));
    }

    [Fact]
    public void Validate_Dependencies_AreAcceptedAtTheLimitAndRefusedOneMore()
    {
        var limits = SubmissionLimits.Default with { MaxDependencies = 2 };
        string? With(int count) => SubmissionValidator.Validate(Spec() with { Dependencies = [.. Enumerable.Repeat(new Dependency(DependencyType.AfterAny, 1), count)] },
            [Node("node1", cpus: 4, memGb: 8)], id => id == 1 ? Known : null, limits);

        Assert.Null(With(2));
        Assert.StartsWith("the job names 3 dependencies, more than the limit of 2:", With(3), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ScriptAndArray_AreAcceptedAtTheLimitAndRefusedOneMore()
    {
        var limits = SubmissionLimits.Default with { MaxScriptBytes = 15, MaxArrayElements = 3 };
        string? Check(JobSpec spec) => SubmissionValidator.Validate(spec, [Node("node1", cpus: 4, memGb: 8)], _ => null, limits);

        Assert.Null(Check(Spec() with { Script = "echo 1234567890" }));
        Assert.Contains("the script is 16 bytes, more than the limit of 15", Check(Spec() with { Script = "echo 12345678901" }), StringComparison.Ordinal);
        Assert.Null(Check(Spec() with { Array = new ArraySpec([1, 2, 3]) }));
        Assert.StartsWith("the array has 4 elements, more than the limit of 3:", Check(Spec() with { Array = new ArraySpec([1, 2, 3, 4]) }), StringComparison.Ordinal);
    }
}
