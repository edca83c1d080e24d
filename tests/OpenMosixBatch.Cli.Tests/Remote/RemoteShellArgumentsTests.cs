using OpenMosixBatch.Cli.Remote;

namespace OpenMosixBatch.Cli.Tests.Remote;

public sealed class RemoteShellArgumentsTests
{
    [Fact]
    public void Parse_AsHydraCallsIt_TakesTheHostAndTheOneQuotedCommand()
    {
        var (node, command, error) = RemoteShellArguments.Parse(["-x", "node2", "\"/usr/bin/hydra_pmi_proxy\" --control-port node1:4242 --rmk user --launcher ssh"]);

        Assert.Null(error);
        Assert.Equal("node2", node);
        Assert.Equal(["\"/usr/bin/hydra_pmi_proxy\" --control-port node1:4242 --rmk user --launcher ssh"], command);
    }

    [Fact]
    public void Parse_SshOptionsWithValues_AndUserAtHost_AreSkipped()
    {
        var (node, command, error) = RemoteShellArguments.Parse(["-o", "BatchMode=yes", "-p22", "-T", "alice@node3", "echo", "hi"]);

        Assert.Null(error);
        Assert.Equal("node3", node);
        Assert.Equal(["echo", "hi"], command);
    }

    [Fact]
    public void Parse_OptionsOfTheCommand_AreTheCommands() =>
        Assert.Equal(["ls", "-l", "--server", "x"], RemoteShellArguments.Parse(["node1", "ls", "-l", "--server", "x"]).Command);

    [Theory]
    [InlineData(new string[0], "no node given")]
    [InlineData(new[] { "-x" }, "no node given")]
    [InlineData(new[] { "node1" }, "no command given for node1")]
    [InlineData(new[] { "--bogus", "node1", "true" }, "unknown option '--bogus'")]
    public void Parse_BadUsage_NamesTheProblem(string[] args, string start) =>
        Assert.StartsWith(start, RemoteShellArguments.Parse(args).Error, StringComparison.Ordinal);
}
