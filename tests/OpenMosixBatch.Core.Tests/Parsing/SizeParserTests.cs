using CsCheck;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class SizeParserTests
{
    [Theory]
    [InlineData("512", 512L)]
    [InlineData("100b", 100L)]
    [InlineData("4kb", 4096L)]
    [InlineData("4k", 4096L)]
    [InlineData("512mb", 512L << 20)]
    [InlineData("2gb", 2L << 30)]
    [InlineData("2GB", 2L << 30)]
    [InlineData("1tb", 1L << 40)]
    [InlineData("1pb", 1L << 50)]
    [InlineData("3w", 24L)]
    [InlineData("1kw", 8192L)]
    [InlineData(" 64mb ", 64L << 20)]
    [InlineData("0", 0L)]
    public void Parse_ValidSizes_ReturnsBytes(string text, long bytes)
    {
        var r = SizeParser.Parse(text);

        Assert.True(r.Ok, r.Error);
        Assert.Equal(bytes, r.Value);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("")]
    [InlineData("-1gb")]
    [InlineData("1.5gb")]
    [InlineData("2xb")]
    [InlineData("gb")]
    [InlineData("99999999999pb")]
    [InlineData("99999999999999999999")]
    public void Parse_Invalid_FailsNamingTheTextAndTheFix(string text)
    {
        var r = SizeParser.Parse(text);

        Assert.False(r.Ok);
        Assert.Contains("gb", r.Error, StringComparison.Ordinal);
        if (text.Length > 0)
        {
            Assert.Contains(text.Trim(), r.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_ArbitraryText_NeverThrows() =>
        Gen.String.Sample(s => { SizeParser.Parse(s); });

    [Fact]
    public void Format_ThenParse_RoundTrips() =>
        Gen.Long[0, 1L << 52].Sample(b => SizeParser.Parse(SizeParser.Format(b)).Value == b);

    [Theory]
    [InlineData(0L, "0b")]
    [InlineData(1536L, "1536b")]
    [InlineData(4096L, "4kb")]
    [InlineData(3221225472L, "3gb")]
    [InlineData(1099511627776L, "1tb")]
    [InlineData(1125899906842624L, "1pb")]
    public void Format_LargestExactUnit(long bytes, string text) => Assert.Equal(text, SizeParser.Format(bytes));

    [Theory]
    [InlineData(64L << 30, "64 GiB")]
    [InlineData(3L << 29, "1.5 GiB")]
    [InlineData(512L << 20, "512 MiB")]
    [InlineData(100L, "100 B")]
    public void Human_ReadableUnits(long bytes, string text) => Assert.Equal(text, SizeParser.Human(bytes));
}
