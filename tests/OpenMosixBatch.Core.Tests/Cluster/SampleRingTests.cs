using CsCheck;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.Tests.Cluster;

public sealed class SampleRingTests
{
    [Fact]
    public void ToList_BeforeFull_ReturnsEverySampleOldestFirst()
    {
        var ring = new SampleRing<int>(4);
        ring.Add(1);
        ring.Add(2);

        Assert.Equal([1, 2], ring.ToList());
        Assert.Equal(2, ring.Count);
    }

    [Fact]
    public void Add_WhenFull_DropsTheOldest()
    {
        var ring = new SampleRing<int>(3);
        foreach (var i in Enumerable.Range(1, 7))
        {
            ring.Add(i);
        }

        Assert.Equal([5, 6, 7], ring.ToList());
        Assert.Equal(3, ring.Count);
    }

    [Fact]
    public void Add_AnyNumberOfSamples_KeepsTheLastCapacityInOrder()
    {
        Gen.Select(Gen.Int[1, 20], Gen.Int[0, 100]).Sample((capacity, added) =>
        {
            var ring = new SampleRing<int>(capacity);
            for (var i = 0; i < added; i++)
            {
                ring.Add(i);
            }

            return ring.ToList().SequenceEqual(Enumerable.Range(0, added).Skip(Math.Max(0, added - capacity)));
        });
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new SampleRing<int>(0));
}
