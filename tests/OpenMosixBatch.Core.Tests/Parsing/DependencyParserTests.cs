using CsCheck;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class DependencyParserTests
{
    [Fact]
    public void ParseAttributes_SeveralTypesAndIds_ReturnsEveryEdge()
    {
        var r = DependencyParser.ParseAttributes("depend=afterok:12:13.host,afterany:14[],afternotok:15");

        Assert.True(r.Ok, r.Error);
        Assert.Equal(
            [new(DependencyType.AfterOk, 12), new(DependencyType.AfterOk, 13), new(DependencyType.AfterAny, 14), new Dependency(DependencyType.AfterNotOk, 15)],
            r.Value!);
    }

    [Theory]
    [InlineData("umask=022", "umask")]
    [InlineData("depend=afterwards:1", "afterwards")]
    [InlineData("depend=afterok", "names no job")]
    [InlineData("depend=afterok:x", "'x'")]
    [InlineData("", "empty")]
    public void ParseAttributes_Invalid_FailsNamingIt(string text, string named)
    {
        var r = DependencyParser.ParseAttributes(text);

        Assert.False(r.Ok);
        Assert.Contains(named, r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseAttributes_ArbitraryText_NeverThrows() => Gen.String.Sample(s => { DependencyParser.ParseAttributes(s); });
}
