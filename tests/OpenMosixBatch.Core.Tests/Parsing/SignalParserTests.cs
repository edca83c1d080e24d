using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class SignalParserTests
{
    [Theory]
    [InlineData("TERM", 15, "SIGTERM")]
    [InlineData("SIGTERM", 15, "SIGTERM")]
    [InlineData("sigusr1", 10, "SIGUSR1")]
    [InlineData("2", 2, "SIGINT")]
    [InlineData("9", 9, "SIGKILL")]
    [InlineData("40", 40, "40")]
    [InlineData("suspend", 19, "suspend")]
    [InlineData("RESUME", 18, "resume")]
    public void Parse_NameNumberOrPbsWord_GivesTheSignal(string text, int number, string name)
    {
        var parsed = SignalParser.Parse(text);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(new JobSignal(number, name), parsed.Value);
    }

    [Fact]
    public void Parse_SuspendAndResume_AreMarkedAsSuch()
    {
        Assert.True(SignalParser.Parse("suspend").Value!.IsSuspend);
        Assert.True(SignalParser.Parse("resume").Value!.IsResume);
        Assert.False(SignalParser.Parse("STOP").Value!.IsSuspend);
    }

    [Theory]
    [InlineData("", "empty signal")]
    [InlineData("SIGFOO", "unknown signal 'SIGFOO'")]
    [InlineData("0", "invalid signal number '0'")]
    [InlineData("65", "invalid signal number '65'")]
    [InlineData("-1", "unknown signal '-1'")]
    public void Parse_BadSignal_NamesTheProblemAndTheFix(string text, string expected)
    {
        var parsed = SignalParser.Parse(text);

        Assert.False(parsed.Ok);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
        Assert.Contains("e.g. qsig -s SIGUSR1 42", parsed.Error, StringComparison.Ordinal);
    }
}
