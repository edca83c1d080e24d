using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>The queue's change log keeps recent versions' written ids within a bound of versions and of ids, whatever the history.</summary>
public sealed class QueueChangeLogTests
{
    [Fact]
    public void Record_ManyVersionsThatEachWroteMany_KeepsAtMostTheIdBound_AndTheNewestVersions()
    {
        var log = new QueueChangeLog(capacity: 4096, idCapacity: 10_000);
        for (long version = 1; version <= 5000; version++)
        {
            log.Record(version, [.. Enumerable.Range(0, 1000).Select(i => (version * 1000) + i)]);
        }

        Assert.Equal(10_000, log.KeptIds);
        Assert.Equal(3000, log.Between(4997, 5000)!.Count);
        Assert.Null(log.Between(4000, 5000));
    }

    [Fact]
    public void Record_AVersionLargerThanTheBound_IsUnknown_AndOnlySpansOverItAre()
    {
        var log = new QueueChangeLog(capacity: 16, idCapacity: 100);
        log.Record(1, [1, 2]);
        log.Record(2, [.. Enumerable.Range(0, 101).Select(i => (long)i)]);
        log.Record(3, [3]);

        Assert.Null(log.Between(0, 3));
        Assert.Equal([3L], log.Between(2, 3)!);
        Assert.Equal(3, log.KeptIds);
    }

    [Fact]
    public void Record_PastTheVersionBound_ForgetsTheOldest()
    {
        var log = new QueueChangeLog(capacity: 4, idCapacity: 100);
        for (long version = 1; version <= 10; version++)
        {
            log.Record(version, [version]);
        }

        Assert.Equal(4, log.KeptIds);
        Assert.Null(log.Between(5, 10));
        Assert.Equal([7L, 8L, 9L, 10L], log.Between(6, 10)!.Order());
    }
}
