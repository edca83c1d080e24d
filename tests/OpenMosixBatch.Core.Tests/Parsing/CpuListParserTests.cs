using CsCheck;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class CpuListParserTests
{
    [Theory]
    [InlineData("0", new[] { 0 })]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("0,2,4-5", new[] { 0, 2, 4, 5 })]
    [InlineData(" 3 , 1 ", new[] { 1, 3 })]
    [InlineData("1-2,2-3", new[] { 1, 2, 3 })]
    [InlineData("4095", new[] { 4095 })]
    public void Parse_ValidList_GivesDistinctCpusAscending(string text, int[] expected) =>
        Assert.Equal(expected, CpuListParser.Parse(text).Value);

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData(null, "it is empty")]
    [InlineData("a", "'a' is not a CPU number or range")]
    [InlineData("1-", "'1-' is not a CPU number or range")]
    [InlineData("1-2-3", "'1-2-3' is not a CPU number or range")]
    [InlineData("-1", "'-1' is not a CPU number or range")]
    [InlineData("3-1", "range '3-1' runs backwards")]
    [InlineData("4096", "'4096' is not a CPU number or range")]
    [InlineData("0,,1", "'' is not a CPU number or range")]
    public void Parse_InvalidList_NamesTheItemAndTheForm(string? text, string problem)
    {
        var error = CpuListParser.Parse(text).Error;

        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.EndsWith("use CPU numbers and ranges like 0, 0-3 or 0,2,4-5", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 0 }, "0")]
    [InlineData(new[] { 3, 0, 1, 2 }, "0-3")]
    [InlineData(new[] { 0, 2, 4, 5, 5 }, "0,2,4-5")]
    public void Format_CollapsesRanges(int[] cpus, string expected) =>
        Assert.Equal(expected, CpuListParser.Format(cpus));

    [Fact]
    public void Parse_ArbitraryText_NeverThrows() =>
        Gen.String.Sample(s => { CpuListParser.Parse(s); });

    [Fact]
    public void Format_ThenParse_RoundTrips() =>
        Gen.Int[0, 300].Array[1, 20].Sample(cpus => CpuListParser.Parse(CpuListParser.Format(cpus)).Value!.SequenceEqual(cpus.Distinct().Order()));
}
