using OpenMosixBatch.Cli.Parsing;

namespace OpenMosixBatch.Cli.Tests.Parsing;

public class ArgvDispatchTests
{
    [Theory]
    [InlineData("qsub")]
    [InlineData("./qsub")]
    [InlineData("/usr/local/bin/qstat")]
    [InlineData("pbsnodes")]
    [InlineData("/home/u/bin/qrls")]
    public void Resolve_InvokedUnderAPbsName_WholeArgvBelongsToThatVerb(string invoked)
    {
        var (verb, args) = ArgvDispatch.Resolve(invoked, ["qstat", "-f"]);

        Assert.Equal(Path.GetFileName(invoked), verb);
        Assert.Equal(["qstat", "-f"], args);
    }

    [Theory]
    [InlineData("omb")]
    [InlineData("/repo/artifacts/omb/omb")]
    [InlineData("/repo/artifacts/omb/omb.dll")]
    [InlineData(null)]
    [InlineData("")]
    public void Resolve_InvokedAsOmb_FirstArgumentIsTheVerb(string? invoked)
    {
        var (verb, args) = ArgvDispatch.Resolve(invoked, ["qdel", "42"]);

        Assert.Equal("qdel", verb);
        Assert.Equal(["42"], args);
    }

    [Fact]
    public void Resolve_OptionFirst_NoVerb()
    {
        var (verb, args) = ArgvDispatch.Resolve("omb", ["--help"]);

        Assert.Null(verb);
        Assert.Equal(["--help"], args);
    }

    [Fact]
    public void Resolve_NoArguments_NoVerb()
    {
        Assert.Null(ArgvDispatch.Resolve("omb", []).Verb);
    }

    [Theory]
    [InlineData("qsubx")]
    [InlineData("link")]
    [InlineData("server")]
    public void InvokedVerb_NotAPbsName_IsNull(string invoked)
    {
        Assert.Null(ArgvDispatch.InvokedVerb(invoked));
    }
}
