using CsCheck;
using OpenMosixBatch.Core.Accounting;

namespace OpenMosixBatch.Core.Tests.Accounting;

public sealed class WaitHistogramTests
{
    // Waits from none to over a year, many of them below the 1 ms floor, in whole seconds as often as not.
    private static readonly Gen<double> Wait = Gen.OneOf(
        Gen.Double[0, 0.002], Gen.Double[0, 600], Gen.Int[0, 86_400].Select(s => (double)s), Gen.Double[0, 4e7]);

    /// <summary>The exact nearest-rank percentile, as the report gave it from every record.</summary>
    private static double Exact(IReadOnlyList<double> waits, double p)
    {
        var sorted = waits.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static WaitHistogram Of(IEnumerable<double> waits)
    {
        var histogram = new WaitHistogram();
        foreach (var w in waits)
        {
            histogram.Add(w);
        }

        return histogram;
    }

    private static bool WithinBound(double estimate, double exact) =>
        Math.Abs(estimate - exact) <= Math.Max(WaitHistogram.RelativeError * exact * (1 + 1e-9), WaitHistogram.FloorSeconds);

    [Fact]
    public void Percentile_IsWithinTheDocumentedBoundOfTheExactNearestRank()
    {
        Gen.Select(Wait.List[1, 400], Gen.Double[0.01, 1]).Sample((waits, p) => WithinBound(Of(waits).Percentile(p), Exact(waits, p)));
    }

    [Fact]
    public void Merge_OfTwoHalves_GivesTheSamePercentileAsOneHistogramOfAll()
    {
        Gen.Select(Wait.List[0, 200], Wait.List[1, 200]).Sample((a, b) =>
        {
            var merged = Of(a);
            merged.Merge(Of(b));
            var all = Of(a.Concat(b));
            return merged.Count == all.Count && merged.Percentile(0.95) == all.Percentile(0.95);
        });
    }

    [Fact]
    public void Remove_TakesAWaitBackOut_AndThePercentileStaysWithinTheBoundOfTheRest()
    {
        Gen.Select(Wait.List[2, 200], Gen.Int[0, 1000]).Sample((waits, pick) =>
        {
            var histogram = Of(waits);
            var removed = waits[pick % waits.Count];
            var rest = waits.Where((_, i) => i != pick % waits.Count).ToList();
            return histogram.Remove(removed) && histogram.Count == rest.Count && WithinBound(histogram.Percentile(0.95), Exact(rest, 0.95));
        });
    }

    [Fact]
    public void Percentile_OfEqualWaits_IsExact_AndOfNoneIsZero()
    {
        Assert.Equal(570.0, Of(Enumerable.Repeat(570.0, 20)).Percentile(0.95));
        Assert.Equal(0.0, new WaitHistogram().Percentile(0.95));
        Assert.False(new WaitHistogram().Remove(3));
    }

    [Fact]
    public void Of_TheStoredBuckets_GivesBackTheSameHistogram()
    {
        var original = Of([0, 0.0005, 1, 2.5, 570, 570, 86_400]);

        var copy = WaitHistogram.Of(original.Buckets, original.MinSeconds, original.MaxSeconds);

        Assert.Equal(original.Buckets, copy.Buckets);
        Assert.Equal((7L, 0.0, 86_400.0, original.Percentile(0.5)), (copy.Count, copy.MinSeconds, copy.MaxSeconds, copy.Percentile(0.5)));
        Assert.Throws<ArgumentException>(() => WaitHistogram.Of([new(3, 0)], 0, 1));
    }

    [Fact]
    public void Of_BucketsInAnyOrder_GivesBackTheSameHistogram()
    {
        var original = Of([0, 0.002, 1, 2.5, 570, 86_400]);

        var copy = WaitHistogram.Of(original.Buckets.Reverse(), original.MinSeconds, original.MaxSeconds);

        Assert.Equal(original.Buckets, copy.Buckets);
        Assert.Throws<ArgumentException>(() => WaitHistogram.Of([new(5, 1), new(-2, 1)], 0, 1));
    }
}
