using OpenMosixBatch.Cli.Connection;

namespace OpenMosixBatch.Cli.Tests.Connection;

public sealed class ServerSwitchTests
{
    [Theory]
    [InlineData(new[] { "--server", "h:1", "-x" }, "h:1", new[] { "-x" })]
    [InlineData(new[] { "-x", "--server=h:2", "42" }, "h:2", new[] { "-x", "42" })]
    [InlineData(new[] { "add", "n", "--", "--server", "h:3" }, null, new[] { "add", "n", "--", "--server", "h:3" })]
    [InlineData(new[] { "-x" }, null, new[] { "-x" })]
    public void Take_RemovesTheSwitchBeforeADoubleDash(string[] args, string? value, string[] rest)
    {
        var (v, r) = ServerSwitch.Take(args);

        Assert.Equal(value, v);
        Assert.Equal(rest, r);
    }

    [Fact]
    public void Take_WithoutAValue_IsAUsageError() =>
        Assert.Equal(ExitCodes.BadUsage, Assert.Throws<CliFailureException>(() => ServerSwitch.Take(["-x", "--server"])).ExitCode);

    [Fact]
    public void TakeLeading_OnlyBeforeTheVerb()
    {
        var (value, rest) = ServerSwitch.TakeLeading(["--server", "h:1", "qstat", "-x"]);
        Assert.Equal("h:1", value);
        Assert.Equal(["qstat", "-x"], rest);

        (value, rest) = ServerSwitch.TakeLeading(["qstat", "--server", "h:1"]);
        Assert.Null(value);
        Assert.Equal(["qstat", "--server", "h:1"], rest);
    }

    [Theory]
    [InlineData("qstat", true)]
    [InlineData("token", true)]
    [InlineData("server", false)]
    [InlineData("up", false)]
    [InlineData("node", false)]
    public void AppliesTo_ApiVerbsOnly_NotOmbNodesOwnSocketSwitch(string verb, bool applies) =>
        Assert.Equal(applies, ServerSwitch.AppliesTo(verb, ["--server", "/x/omb.sock"]));

    [Fact]
    public void AppliesTo_NodeExpel_WhichTalksToTheApi() => Assert.True(ServerSwitch.AppliesTo("node", ["expel", "node1"]));
}
