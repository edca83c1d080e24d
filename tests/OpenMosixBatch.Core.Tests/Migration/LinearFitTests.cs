using CsCheck;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class LinearFitTests
{
    [Fact]
    public void Of_PointsOnALine_GivesThatLineAndRSquaredOne()
    {
        var fit = LinearFit.Of([(0, 5), (2, 9), (10, 25)])!.Value;

        Assert.Equal(5, fit.Intercept, 9);
        Assert.Equal(2, fit.Slope, 9);
        Assert.Equal(1, fit.RSquared, 9);
        Assert.Equal(3, fit.Count);
    }

    [Fact]
    public void Of_RepeatedXs_FitsTheMeansAtEachX()
    {
        // Means 10 at x=0 and 30 at x=4: the line through them, whatever the scatter around each mean.
        var fit = LinearFit.Of([(0, 8), (0, 12), (4, 26), (4, 34)])!.Value;

        Assert.Equal(10, fit.Intercept, 9);
        Assert.Equal(5, fit.Slope, 9);
        Assert.InRange(fit.RSquared, 0.8, 0.99);
    }

    [Fact]
    public void Of_KnownTextbookData_MatchesTheClosedForm()
    {
        // x 1..5, y 2 4 5 4 5: slope 0.6, intercept 2.2, r² 0.6.
        var fit = LinearFit.Of([(1, 2), (2, 4), (3, 5), (4, 4), (5, 5)])!.Value;

        Assert.Equal(0.6, fit.Slope, 9);
        Assert.Equal(2.2, fit.Intercept, 9);
        Assert.Equal(0.6, fit.RSquared, 9);
    }

    [Fact]
    public void Of_FlatY_HasSlopeZeroAndRSquaredOne()
    {
        var fit = LinearFit.Of([(0, 7), (1, 7), (9, 7)])!.Value;

        Assert.Equal(0, fit.Slope, 12);
        Assert.Equal(7, fit.Intercept, 12);
        Assert.Equal(1, fit.RSquared);
    }

    [Fact]
    public void Of_DecreasingPoints_GivesANegativeSlope()
    {
        var fit = LinearFit.Of([(0, 10), (5, 0)])!.Value;

        Assert.Equal(-2, fit.Slope, 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void Of_FewerThanTwoDistinctXs_IsNull(int repeats)
    {
        var points = Enumerable.Repeat((3.0, 1.0), repeats).ToList();

        Assert.Null(LinearFit.Of(points));
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(1, double.NaN)]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(1, double.NegativeInfinity)]
    public void Of_ANonFiniteValue_IsNull(double x, double y) =>
        Assert.Null(LinearFit.Of([(0, 0), (2, 2), (x, y)]));

    [Fact]
    public void Of_BytesAgainstMicroseconds_KeepsItsDigits()
    {
        // Checkpoint-sized x (tens of MB) and move-sized y (about a second): the raw-sum formula loses the slope here.
        var fit = LinearFit.Of([(0, 900_000), (33_554_432, 900_000 + (33_554_432 * 0.004)), (8_388_608, 900_000 + (8_388_608 * 0.004))])!.Value;

        Assert.Equal(0.004, fit.Slope, 12);
        Assert.Equal(900_000, fit.Intercept, 6);
    }

    [Fact]
    public void Of_Property_ResidualsSumToZeroAndTheLinePassesThroughTheMeans()
    {
        var points = Gen.Select(Gen.Int[0, 1000].Select(i => i * 65536.0), Gen.Double[0, 1e7]).List[2, 12];
        points.Where(p => p.Select(q => q.Item1).Distinct().Count() >= 2).Sample(list =>
        {
            var fit = LinearFit.Of(list)!.Value;
            var meanX = list.Average(p => p.Item1);
            var meanY = list.Average(p => p.Item2);
            var scale = list.Max(p => Math.Abs(p.Item2)) + 1;
            Assert.True(Math.Abs(fit.Intercept + (fit.Slope * meanX) - meanY) <= scale * 1e-6, "the line misses the centroid");
            Assert.InRange(fit.RSquared, 0, 1);
            Assert.Equal(list.Count, fit.Count);
        });
    }
}
