using CsCheck;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Core.Tests.Scheduling;

public class ShellWordsTests
{
    private static string[] Words(string line)
    {
        var result = ShellWords.Split(line);
        Assert.True(result.Ok, result.Error);
        return [.. result.Value!.Select(w => w.Text)];
    }

    [Theory]
    [InlineData("a b  c", new[] { "a", "b", "c" })]
    [InlineData("\ta\t", new[] { "a" })]
    [InlineData("'a b' c", new[] { "a b", "c" })]
    [InlineData("\"a b\" c", new[] { "a b", "c" })]
    [InlineData("\"say \\\"hi\\\" \\\\ \\n\"", new[] { "say \"hi\" \\ \\n" })]
    [InlineData("a\\ b", new[] { "a b" })]
    [InlineData("'it'\\''s'", new[] { "it's" })]
    [InlineData("''", new[] { "" })]
    [InlineData("x'y'\"z\"", new[] { "xyz" })]
    [InlineData("'$HOME' *", new[] { "$HOME", "*" })]
    public void Split_ShellQuoting_GivesTheWords(string line, string[] expected) => Assert.Equal(expected, Words(line));

    [Fact]
    public void Split_Empty_GivesNoWords() => Assert.Empty(Words("   "));

    [Fact]
    public void Split_QuotedDoubleDash_IsMarkedQuoted()
    {
        var words = ShellWords.Split("-- '--' \\--").Value!;
        Assert.Equal([false, true, true], words.Select(w => w.Quoted));
        Assert.All(words, w => Assert.Equal("--", w.Text));
    }

    [Theory]
    [InlineData("a 'b", "unterminated single quote at column 3")]
    [InlineData("a \"b", "unterminated double quote at column 3")]
    [InlineData("a \\", "backslash at the end of the line")]
    public void Split_Unterminated_SaysWhere(string line, string expected) =>
        Assert.Contains(expected, ShellWords.Split(line).Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("plain/path.sh", "plain/path.sh")]
    [InlineData("mem=2gb", "mem=2gb")]
    [InlineData("a b", "'a b'")]
    [InlineData("", "''")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("#x", "'#x'")]
    public void Quote_Word_IsWrittenMinimally(string word, string expected) => Assert.Equal(expected, ShellWords.Quote(word));

    [Fact]
    public void Split_ArbitraryText_NeverThrows() => Gen.String.Sample(s => ShellWords.Split(s));

    [Fact]
    public void Quote_ArbitraryWords_SplitBackToTheSameWords()
    {
        var word = Gen.String[Gen.Char["ab '\"\\\t$#*-=x"], 0, 8].Array[0, 6];
        word.Sample(words =>
        {
            var line = string.Join(' ', words.Select(ShellWords.Quote));
            Assert.Equal(words, Words(line));
        });
    }
}
