using OpenMosixBatch.Api.Client;

namespace OpenMosixBatch.Cli.Tests;

public sealed class CliAppTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("omb-cli-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _out.Dispose();
        _err.Dispose();
    }

    private Task<int> RunAsync(string? invoked, params string[] args) =>
        CliApp.RunAsync(
            invoked,
            args,
            new CliConsole(_out, _err, () => Stream.Null, StdinIsTerminal: true),
            () => new OmbApiClient(Path.Combine(_dir, "omb.sock")),
            CancellationToken.None);

    private void AssertOneErrorLine(string prefix)
    {
        var lines = _err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith(prefix, lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qstat")]
    [InlineData("pbsnodes")]
    [InlineData("qdel", "42")]
    [InlineData("qsub", "--", "true")]
    public async Task RunAsync_NoServer_ExitThreeWithHowToStartIt(params string[] args)
    {
        var code = await RunAsync("omb", args);

        Assert.Equal(ExitCodes.ServerUnreachable, code);
        AssertOneErrorLine(args[0] + ": cannot reach the omb server");
        Assert.Contains("./omb server", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _out.ToString());
    }

    [Fact]
    public async Task RunAsync_InvokedAsQstatSymlink_DispatchesToQstat()
    {
        var code = await RunAsync("/home/u/bin/qstat", "-x");

        Assert.Equal(ExitCodes.ServerUnreachable, code);
        AssertOneErrorLine("qstat: ");
    }

    [Fact]
    public async Task RunAsync_UnknownOption_ExitTwoOneLine()
    {
        var code = await RunAsync("qsub", "-Z", "x");

        Assert.Equal(ExitCodes.BadUsage, code);
        AssertOneErrorLine("qsub: unknown option -Z");
    }

    [Fact]
    public async Task RunAsync_QsubNoScriptOnATerminal_ExitTwo()
    {
        var code = await RunAsync("qsub");

        Assert.Equal(ExitCodes.BadUsage, code);
        AssertOneErrorLine("qsub: no script given");
    }

    [Fact]
    public async Task RunAsync_QsubMissingScript_ExitTwo()
    {
        var code = await RunAsync("omb", "qsub", Path.Combine(_dir, "missing.sh"));

        Assert.Equal(ExitCodes.BadUsage, code);
        AssertOneErrorLine("qsub: script '");
    }

    [Fact]
    public async Task RunAsync_BadJobId_ExitTwoBeforeCallingTheServer()
    {
        var code = await RunAsync("qstat", "abc");

        Assert.Equal(ExitCodes.BadUsage, code);
        AssertOneErrorLine("qstat: invalid job id 'abc'");
    }

    [Fact]
    public async Task RunAsync_Help_ExitZeroHelpOnStdout()
    {
        var code = await RunAsync("omb", "--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("qsub", _out.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _err.ToString());
    }

    [Fact]
    public async Task RunAsync_VerbHelp_ExitZero()
    {
        var code = await RunAsync("qsub", "--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("usage of qsub:", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownVerb_ExitTwo()
    {
        var code = await RunAsync("omb", "qsubb");

        Assert.Equal(ExitCodes.BadUsage, code);
        AssertOneErrorLine("omb: unknown command 'qsubb'");
    }

    [Fact]
    public async Task RunAsync_NoArguments_ExitTwo()
    {
        Assert.Equal(ExitCodes.BadUsage, await RunAsync("omb"));
        AssertOneErrorLine("omb: no command given");
    }

    [Fact]
    public async Task RunAsync_LinkWithoutDirectory_PrefixedOmbLink()
    {
        Assert.Equal(ExitCodes.BadUsage, await RunAsync("omb", "link"));
        AssertOneErrorLine("omb link: ");
    }

    [Theory]
    [InlineData("qsub", "qsub")]
    [InlineData("link", "omb link")]
    [InlineData("server", "omb server")]
    [InlineData(null, "omb")]
    [InlineData("nonsense", "omb")]
    public void Prefix_PbsVerbsUseTheirName(string? verb, string expected)
    {
        Assert.Equal(expected, CliApp.Prefix(verb));
    }

    [Theory]
    [InlineData("omb tune: no omb tune command given", "tune")]
    [InlineData("omb tune: omb tune set needs the values", "tune", "set")]
    [InlineData("omb tune: unknown omb tune mfs command 'put'", "tune", "mfs", "put")]
    [InlineData("omb migrate: omb migrate takes a job id and a node", "migrate", "42")]
    [InlineData("omb migrate: omb migrate takes a job id and a node", "migrate", "42", "node1", "node2")]
    [InlineData("omb node: omb node expel takes node names", "node", "expel")]
    public async Task RunAsync_BadTuneMigrateOrExpel_UsageWithoutContactingServer(string expected, params string[] args)
    {
        var code = await RunAsync("omb", args);

        Assert.Equal(ExitCodes.BadUsage, code);
        AssertOneErrorLine(expected);
    }

    [Theory]
    [InlineData("tune", "get")]
    [InlineData("tune", "mfs", "set", "1 2 3 4 5 6")]
    [InlineData("migrate", "42", "node2")]
    [InlineData("node", "expel", "node1")]
    public async Task RunAsync_TuneMigrateExpelWithoutServer_ExitThree(params string[] args)
    {
        var code = await RunAsync("omb", args);

        Assert.Equal(ExitCodes.ServerUnreachable, code);
    }
}
