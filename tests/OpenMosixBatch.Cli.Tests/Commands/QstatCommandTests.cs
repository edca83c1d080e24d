using OpenMosixBatch.Cli.Commands;

namespace OpenMosixBatch.Cli.Tests.Commands;

public class QstatCommandTests
{
    [Theory]
    [InlineData("42", "42", true)]
    [InlineData("42.host", "42", true)]
    [InlineData("42[]", "42[]", true)]
    [InlineData("42", "42[3]", true)]
    [InlineData("42[3]", "42[3]", true)]
    [InlineData("42[3]", "42[4]", false)]
    [InlineData("42[3]", "42[]", false)]
    [InlineData("41", "42", false)]
    public void SameJob_MatchesRowsOfTheRequestedJob(string requested, string row, bool expected)
    {
        Assert.Equal(expected, QstatCommand.SameJob(requested, row));
    }
}
