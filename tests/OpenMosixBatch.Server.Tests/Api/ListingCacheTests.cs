using System.Collections.Immutable;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Api;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Api;

public sealed class ListingCacheTests
{
    private static readonly ListingKey Alice = new(1000, null, false, false);

    [Fact]
    public void Get_SameSnapshotAndQuestion_BuildsOnce()
    {
        var cache = new ListingCache();
        var state = QueueState.Empty;
        var builds = 0;

        var first = cache.Get(state, Alice, () => { builds++; return new byte[] { 1 }; });
        var second = cache.Get(state, Alice, () => { builds++; return new byte[] { 2 }; });

        Assert.Equal(1, builds);
        Assert.True(first.Equals(second)); // the same buffer, not a copy
    }

    [Fact]
    public void Get_NewSnapshotOrOtherQuestion_BuildsAgain()
    {
        var cache = new ListingCache();
        var state = QueueState.Empty;
        var changed = new QueueState(ImmutableSortedDictionary<long, Job>.Empty, 2, 1, QueueIndex.Empty);

        var first = cache.Get(state, Alice, () => new byte[] { 1 });
        var otherCaller = cache.Get(state, Alice with { VisibleUid = 1001 }, () => new byte[] { 2 });
        var finished = cache.Get(state, Alice with { Finished = true }, () => new byte[] { 3 });
        var afterCommit = cache.Get(changed, Alice with { Finished = true }, () => new byte[] { 4 });

        Assert.Equal([1], first.ToArray());
        Assert.Equal([2], otherCaller.ToArray());
        Assert.Equal([3], finished.ToArray());
        Assert.Equal([4], afterCommit.ToArray());
    }
}
