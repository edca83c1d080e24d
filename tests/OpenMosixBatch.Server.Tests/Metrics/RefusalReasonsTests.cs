using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Metrics;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Tests.Queue;

namespace OpenMosixBatch.Server.Tests.Metrics;

/// <summary>omb_admission_refusals_total counts a refused submission by its typed kind, never by its text.</summary>
public sealed class RefusalReasonsTests
{
    private static readonly Caller Alice = new(1000, 1000, "alice", false);
    private static readonly NodeSnapshot[] Nodes = [new("node1", 2, 4L << 30)];

    [Theory]
    [InlineData(SubmissionRefusalKind.NeverFits, ApiErrorKind.BadInput, "never_fits")]
    [InlineData(SubmissionRefusalKind.UnknownQueue, ApiErrorKind.BadInput, "unknown_queue")]
    [InlineData(SubmissionRefusalKind.OverLimit, ApiErrorKind.BadInput, "over_limit")]
    [InlineData(null, ApiErrorKind.Refused, "refused")]
    [InlineData(null, ApiErrorKind.StorageFull, "storage_full")]
    public void Label_IsTheTypedKind(SubmissionRefusalKind? kind, ApiErrorKind error, string label) => Assert.Equal(label, RefusalReasons.Label(kind, error));

    [Fact]
    public async Task Submit_Refused_IsCountedByItsKind()
    {
        using var store = new CountingJobStore();
        using var queue = new JobQueue(store, new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero)), NullLogger<JobQueue>.Instance);
        await queue.StartAsync(CancellationToken.None);
        using var reasons = new MeterTags("omb.admission.refusals", "reason");
        var spec = new JobSpec { Name = "t", Script = "echo hi", WorkingDirectory = "/w", SubmitDirectory = "/w" };

        await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(queue, spec with { Resources = spec.Resources with { MemoryBytesPerChunk = 64L << 30 } }));
        await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(queue, spec with { Queue = "nosuch" }));
        await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(queue, spec with { Dependencies = [new Dependency(DependencyType.AfterOk, 99)] }));
        await queue.StopAsync(CancellationToken.None);

        // Other tests may refuse submissions meanwhile (the meter is process-wide): these three must be among the labels.
        Assert.Contains("never_fits", reasons.Values);
        Assert.Contains("unknown_queue", reasons.Values);
        Assert.Contains("unknown_dependency", reasons.Values);
    }

    private static Task<SubmitResponse> Submit(JobQueue queue, JobSpec spec) =>
        queue.EnqueueAsync(new SubmitCommand(spec, Alice, Nodes, ["batch"], 256L << 20, SubmissionLimits.Default));
}
