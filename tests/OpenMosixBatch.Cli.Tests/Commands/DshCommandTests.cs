using OpenMosixBatch.Cli.Commands;

namespace OpenMosixBatch.Cli.Tests.Commands;

public sealed class DshCommandTests
{
    [Theory]
    [InlineData("hostname", "'hostname'")]
    [InlineData("echo \"$HOME\"", "'echo \"$HOME\"'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    public void ShellQuote_KeepsTheWordWhole(string word, string quoted) => Assert.Equal(quoted, DshCommand.ShellQuote(word));
}
