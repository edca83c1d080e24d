using CsCheck;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class ArrayRangeParserTests
{
    [Theory]
    [InlineData("1-10", "1,2,3,4,5,6,7,8,9,10", null)]
    [InlineData("1-10:3", "1,4,7,10", null)]
    [InlineData("1,3,5-7", "1,3,5,6,7", null)]
    [InlineData("7", "7", null)]
    [InlineData("0-3%2", "0,1,2,3", 2)]
    [InlineData("5,1-2,2", "1,2,5", null)]
    public void Parse_Valid_ReturnsAscendingDistinctIndices(string text, string indices, int? limit)
    {
        var r = ArrayRangeParser.Parse(text);

        Assert.True(r.Ok, r.Error);
        Assert.Equal(indices, string.Join(',', r.Value!.Indices));
        Assert.Equal(limit, r.Value.MaxConcurrent);
    }

    [Theory]
    [InlineData("5-1", "backwards")]
    [InlineData("", "empty")]
    [InlineData("1-10:0", "step")]
    [InlineData("1-10%0", "LIMIT")]
    [InlineData("a-b", "a-b")]
    [InlineData("-3", "-3")]
    [InlineData("0-100000", "100000")]
    public void Parse_Invalid_FailsSayingWhy(string text, string why)
    {
        var r = ArrayRangeParser.Parse(text);

        Assert.False(r.Ok);
        Assert.Contains(why, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MaxElements_IsAccepted() =>
        Assert.Equal(ArraySpec.MaxElements, ArrayRangeParser.Parse($"1-{ArraySpec.MaxElements}").Value!.Count);

    [Fact]
    public void Parse_ArbitraryText_NeverThrowsAndIsAscendingWhenAccepted() =>
        Gen.String.Sample(s =>
        {
            var r = ArrayRangeParser.Parse(s);
            return !r.Ok || r.Value!.Indices.Zip(r.Value.Indices.Skip(1)).All(p => p.First < p.Second);
        });

    [Fact]
    public void Format_ThenParse_RoundTrips() =>
        Gen.Int[0, 200].Array[1, 20].Sample(a =>
        {
            var spec = new ArraySpec([.. a.Distinct().Order()]);
            return ArrayRangeParser.Parse(ArrayRangeParser.Format(spec)).Value!.Indices.SequenceEqual(spec.Indices);
        });
}
