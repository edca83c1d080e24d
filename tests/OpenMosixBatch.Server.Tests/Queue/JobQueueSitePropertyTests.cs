using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Storage.LiteDb;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>Node properties as a submission stores them: excluded ones kept, the site's ignored names recorded (issue 21).</summary>
public sealed class JobQueueSitePropertyTests : IDisposable
{
    private static readonly Caller Alice = new(1001, 1001, "alice", false);
    private static readonly NodeSnapshot[] Nodes = [new("node1", 2, 4L << 30) { Properties = ["bigmem"] }, new("node2", 2, 4L << 30)];
    private readonly string _directory = Directory.CreateTempSubdirectory("omb-siteprop-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Submit_APropertyTheSiteIgnores_IsAcceptedAndRecordedAndAnExcludedOneIsStored()
    {
        var limits = SubmissionLimits.Default with { IgnoredResources = new HashSet<string>(StringComparer.Ordinal) { "feature" } };
        var path = Path.Combine(_directory, "omb.db");
        long id;
        using (var store = LiteDbJobStore.Open(path))
        using (var queue = new JobQueue(store, _time, NullLogger<JobQueue>.Instance))
        {
            await queue.StartAsync(CancellationToken.None);
            var request = new ResourceRequest(1, 1) { Properties = ["feature"], ExcludedProperties = ["bigmem"] };
            id = (await Submit(queue, Spec(request), limits)).Id;
            var refused = await Assert.ThrowsAsync<QueueRefusalException>(() => Submit(queue, Spec(request), SubmissionLimits.Default));
            Assert.Contains("no node has the property feature", refused.Message, StringComparison.Ordinal);
            await queue.StopAsync(CancellationToken.None);
        }

        using var reopened = LiteDbJobStore.Open(path);
        var stored = reopened.Find(id)!.Spec.Resources;
        Assert.Empty(stored.Properties);
        Assert.Equal(["bigmem"], stored.ExcludedProperties);
        Assert.Equal(["feature=True"], stored.Ignored);
        Assert.Equal(256L << 20, stored.MemoryBytesPerChunk);
    }

    private static Task<SubmitResponse> Submit(JobQueue queue, JobSpec spec, SubmissionLimits limits) =>
        queue.EnqueueAsync(new SubmitCommand(spec, Alice, Nodes, ["batch"], 256L << 20, limits));

    private static JobSpec Spec(ResourceRequest r) => new() { Name = "j", Script = "echo hi", WorkingDirectory = "/w", SubmitDirectory = "/w", Resources = r };
}
