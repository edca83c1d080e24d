using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>
/// Node properties as a submission stores them: excluded ones kept, the site's ignored names recorded (issue 21). That
/// the LiteDB store keeps them is the storage contract's (every field of a job, through a reopened file).
/// </summary>
public sealed class JobQueueSitePropertyTests : IAsyncLifetime
{
    private static readonly NodeSnapshot[] Nodes = [new("node1", 2, 4L << 30) { Properties = ["bigmem"] }, new("node2", 2, 4L << 30)];
    private readonly QueueTestBed _bed = new(new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => _bed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Submit_APropertyTheSiteIgnores_IsAcceptedAndRecordedAndAnExcludedOneIsStored()
    {
        var limits = SubmissionLimits.Default with { IgnoredResources = new HashSet<string>(StringComparer.Ordinal) { "feature" } };
        var request = new ResourceRequest(1, 1) { Properties = ["feature"], ExcludedProperties = ["bigmem"] };

        var id = (await _bed.SubmitAsync(Spec(request), Nodes, limits: limits)).Id;
        var refused = await Assert.ThrowsAsync<QueueRefusalException>(() => _bed.SubmitAsync(Spec(request), Nodes));

        Assert.Contains("no node has the property feature", refused.Message, StringComparison.Ordinal);
        var stored = _bed.Store.Find(id)!.Spec.Resources;
        Assert.Empty(stored.Properties);
        Assert.Equal(["bigmem"], stored.ExcludedProperties);
        Assert.Equal(["feature=True"], stored.Ignored);
        Assert.Equal(256L << 20, stored.MemoryBytesPerChunk);
    }

    private static JobSpec Spec(ResourceRequest r) => QueueTestBed.Script() with { Name = "j", Resources = r };
}
