using CsCheck;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class EnvironmentListParserTests
{
    private static string? Lookup(string name) => name == "HOME" ? "/home/alice" : null;

    [Fact]
    public void Parse_ValuesBareNamesAndQuotedCommas()
    {
        var r = EnvironmentListParser.Parse("A=1,B=two words,HOME,C='x,y',D=\"p,q\",E=", Lookup);

        Assert.True(r.Ok, r.Error);
        Assert.Equal("1", r.Value!["A"]);
        Assert.Equal("two words", r.Value["B"]);
        Assert.Equal("/home/alice", r.Value["HOME"]);
        Assert.Equal("x,y", r.Value["C"]);
        Assert.Equal("p,q", r.Value["D"]);
        Assert.Equal("", r.Value["E"]);
    }

    [Theory]
    [InlineData("UNSET_VAR", "not set")]
    [InlineData("1A=2", "1A")]
    [InlineData("A-B=2", "A-B")]
    [InlineData("A='open", "quote")]
    [InlineData("", "empty")]
    public void Parse_Invalid_FailsNamingIt(string list, string named)
    {
        var r = EnvironmentListParser.Parse(list, Lookup);

        Assert.False(r.Ok);
        Assert.Contains(named, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ArbitraryText_NeverThrows() => Gen.String.Sample(s => { EnvironmentListParser.Parse(s, Lookup); });
}
