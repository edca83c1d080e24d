using CsCheck;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("a b  c", new[] { "a", "b", "c" })]
    [InlineData("'a b' \"c \\\"d\\\"\" e\\ f", new[] { "a b", "c \"d\"", "e f" })]
    [InlineData("x#y # comment", new[] { "x#y" })]
    [InlineData("''", new[] { "" })]
    public void Split_QuotesAndEscapes(string line, string[] words) => Assert.Equal(words, ShellWords.Split(line).Value!);

    [Fact]
    public void Split_PlainWords_RoundTripThroughSpaces() =>
        Gen.String[Gen.Char["abcXYZ019-=_./"], 1, 10].Array[0, 8].Sample(ws => ShellWords.Split(string.Join(' ', ws)).Value!.SequenceEqual(ws));
}
