using OpenMosixBatch.Api.Client;

namespace OpenMosixBatch.Cli.Tests.Api.Http11;

/// <summary>The CLI's client (<see cref="OmbApiClient.ForCommand"/>) through <see cref="CliApp"/>: answers, errors and exit codes as over HttpClient.</summary>
public sealed class ForCommandClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("omb-cmd-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private string SocketPath => Path.Combine(_dir, "omb.sock");

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _out.Dispose();
        _err.Dispose();
    }

    private Task<int> RunAsync(params string[] args) =>
        CliApp.RunAsync("omb", args, new CliConsole(_out, _err, () => Stream.Null, StdinIsTerminal: true), () => OmbApiClient.ForCommand(SocketPath), CancellationToken.None);

    [Fact]
    public async Task Qsub_ServerAnswers_PrintsTheIdAlone()
    {
        using var server = CannedHttpServer.OnUnixSocket(SocketPath, "HTTP/1.1 200 OK\r\nContent-Length: 29\r\n\r\n{\"id\":42,\"displayId\":\"42.vm\"}");

        var code = await RunAsync("qsub", "-N", "one", "--", "/bin/true");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("42.vm\n", _out.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, _err.ToString());
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("POST /v1/jobs HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"one\"", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qsub_NoServer_ExitThreeWithHowToStartIt()
    {
        var code = await RunAsync("qsub", "--", "/bin/true");

        Assert.Equal(ExitCodes.ServerUnreachable, code);
        Assert.StartsWith($"qsub: cannot reach the omb server at {SocketPath} (its socket does not exist): start it with './omb server'", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _out.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 29\r\n\r\n{\"id\":42,")]
    public async Task Qsub_ServerClosesBeforeAnswering_ExitThreeNoIdPrinted(string? cutShort)
    {
        using var server = CannedHttpServer.OnUnixSocket(SocketPath, cutShort);

        var code = await RunAsync("qsub", "--", "/bin/true");

        Assert.Equal(ExitCodes.ServerUnreachable, code);
        Assert.StartsWith($"qsub: cannot reach the omb server at {SocketPath} (no answer on its socket)", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _out.ToString());
    }

    [Theory]
    [InlineData("Refused", ExitCodes.Refused)]
    [InlineData("BadInput", ExitCodes.BadUsage)]
    [InlineData("Unavailable", ExitCodes.ServerUnreachable)]
    public async Task Qdel_ServerRefuses_ItsLineAndExitCode(string kind, int expected)
    {
        var body = $"{{\"kind\":\"{kind}\",\"message\":\"unknown job 9: check the id with 'qstat -x'\"}}";
        using var server = CannedHttpServer.OnUnixSocket(SocketPath, $"HTTP/1.1 400 Bad Request\r\nContent-Length: {body.Length}\r\n\r\n{body}");

        var code = await RunAsync("qdel", "9");

        Assert.Equal(expected, code);
        Assert.Equal("qdel: unknown job 9: check the id with 'qstat -x'\n", _err.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Qstat_AnswerNotOurs_NamesTheStatus()
    {
        using var server = CannedHttpServer.OnUnixSocket(SocketPath, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 5\r\n\r\noops!");

        var code = await RunAsync("qstat");

        Assert.Equal(ExitCodes.ServerUnreachable, code);
        Assert.Equal("qstat: server answered 502 Bad Gateway\n", _err.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Qstat_Listing_PrintsTheTable()
    {
        const string body = "{\"jobs\":[{\"id\":\"7.vm\",\"name\":\"one\",\"user\":\"alice\",\"cpuTime\":\"00:00:01\",\"state\":\"Q\",\"queue\":\"batch\",\"taskCount\":1}]}";
        using var server = CannedHttpServer.OnUnixSocket(SocketPath, $"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n{body}\r\n0\r\n\r\n");

        var code = await RunAsync("qstat");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("7.vm", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("alice", _out.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("GET /v1/jobs?finished=false&tasks=false HTTP/1.1\r\n", Assert.Single(server.Requests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qstat_OverTcpTokenRefused_ExitOne()
    {
        using var server = CannedHttpServer.OnLoopback("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");

        var code = await CliApp.RunAsync(
            "omb",
            ["qstat"],
            new CliConsole(_out, _err, () => Stream.Null, StdinIsTerminal: true),
            () => OmbApiClient.OverTcp("127.0.0.1", server.Port, "stale"),
            CancellationToken.None);

        Assert.Equal(ExitCodes.Refused, code);
        Assert.StartsWith($"qstat: the omb server at 127.0.0.1:{server.Port} refused the token", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer stale", Assert.Single(server.Requests), StringComparison.Ordinal);
    }
}
