using System.Net.Sockets;
using System.Text;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Client.Http11;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Tests.Api.Http11;

public sealed class Http11TransportTests : IDisposable
{
    private const string Submitted = "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n1b\r\n{\"id\":7,\"displayId\":\"7.vm\"}\r\n0\r\n\r\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("omb-http11-").FullName;

    private string SocketPath => Path.Combine(_dir, "omb.sock");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SendAsync_OverUnixSocket_WritesTheRequestAndReadsTheAnswer()
    {
        using var server = CannedHttpServer.OnUnixSocket(SocketPath, Submitted);
        using var transport = Http11Transport.OverUnixSocket(SocketPath, TimeSpan.FromSeconds(30));

        var reply = await transport.SendAsync(HttpMethod.Post, "v1/jobs", new ApiRequestBody("{\"kind\":\"Refused\",\"message\":\"x\"}"u8.ToArray()), CancellationToken.None);

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("{\"id\":7,\"displayId\":\"7.vm\"}", Encoding.UTF8.GetString(reply.Body));
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("POST /v1/jobs HTTP/1.1\r\nHost: omb\r\n", request, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n{\"kind\":\"Refused\",\"message\":\"x\"}", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_KeptAlive_EveryRequestOnOneConnection()
    {
        using var server = CannedHttpServer.KeptAliveOnUnixSocket(SocketPath, Submitted);
        using var transport = Http11Transport.OverUnixSocket(SocketPath, TimeSpan.FromSeconds(30), keepAlive: true);

        for (var i = 0; i < 3; i++)
        {
            var reply = await transport.SendAsync(HttpMethod.Post, "v1/jobs", new ApiRequestBody(Encoding.UTF8.GetBytes($"{{\"n\":{i}}}")), CancellationToken.None);
            Assert.Equal("{\"id\":7,\"displayId\":\"7.vm\"}", Encoding.UTF8.GetString(reply.Body));
        }

        Assert.Equal(1, server.Connections);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.DoesNotContain("Connection: close", r, StringComparison.Ordinal));
        Assert.EndsWith("{\"n\":2}", server.Requests[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_KeptAliveAndTheServerSaysClose_NextRequestOnANewConnection()
    {
        using var server = CannedHttpServer.OnUnixSocket(SocketPath, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
        using var transport = Http11Transport.OverUnixSocket(SocketPath, TimeSpan.FromSeconds(30), keepAlive: true);

        await transport.SendAsync(HttpMethod.Get, "v1/jobs", null, CancellationToken.None);
        await transport.SendAsync(HttpMethod.Get, "v1/jobs", null, CancellationToken.None);

        Assert.Equal(2, server.Connections);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_KeptConnectionClosedWhileIdle_SentOnceOnANewConnection()
    {
        // The answer does not say the connection ends, but the server closes it after answering (as Kestrel closes an idle one).
        using var server = CannedHttpServer.OnUnixSocket(SocketPath, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        using var transport = Http11Transport.OverUnixSocket(SocketPath, TimeSpan.FromSeconds(30), keepAlive: true);
        await transport.SendAsync(HttpMethod.Post, "v1/jobs", new ApiRequestBody("{\"n\":1}"u8.ToArray()), CancellationToken.None);
        var waiting = TimeProvider.System.GetTimestamp();
        while (server.Closed < 1 && TimeProvider.System.GetElapsedTime(waiting) < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, CancellationToken.None);
        }

        var reply = await transport.SendAsync(HttpMethod.Post, "v1/jobs", new ApiRequestBody("{\"n\":2}"u8.ToArray()), CancellationToken.None);

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(2, server.Connections);
        Assert.Equal(2, server.Requests.Count);
        Assert.EndsWith("{\"n\":2}", server.Requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_KeptConnectionBreaksAfterTheRequest_ThrowsAndNeverSendsItAgain()
    {
        // The server takes the request and closes without an answer: it may have acted on it, so it is not sent again.
        using var server = CannedHttpServer.OnUnixSocket(SocketPath, null);
        using var transport = Http11Transport.OverUnixSocket(SocketPath, TimeSpan.FromSeconds(30), keepAlive: true);

        await Assert.ThrowsAsync<HttpRequestException>(() => transport.SendAsync(HttpMethod.Post, "v1/jobs", new ApiRequestBody("{}"u8.ToArray()), CancellationToken.None));

        Assert.Equal(1, server.Connections);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_OverTcp_SendsTheBearerToken()
    {
        using var server = CannedHttpServer.OnLoopback("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        using var transport = Http11Transport.OverTcp("127.0.0.1", server.Port, "tok-1", TimeSpan.FromSeconds(30));

        var reply = await transport.SendAsync(HttpMethod.Get, "v1/nodes", null, CancellationToken.None);

        Assert.Equal(200, reply.StatusCode);
        var request = Assert.Single(server.Requests);
        Assert.StartsWith($"GET /v1/nodes HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nAuthorization: Bearer tok-1\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NothingListens_HttpRequestException()
    {
        using var transport = Http11Transport.OverUnixSocket(SocketPath, TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<HttpRequestException>(() => transport.SendAsync(HttpMethod.Get, "v1/jobs", null, CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_TcpPortClosed_NamesTheAddressAsHttpClientDid()
    {
        int port;
        using (var probe = CannedHttpServer.OnLoopback(null))
        {
            port = probe.Port;
        }

        using var transport = Http11Transport.OverTcp("127.0.0.1", port, "t", TimeSpan.FromSeconds(30));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => transport.SendAsync(HttpMethod.Get, "v1/jobs", null, CancellationToken.None));
        Assert.Equal($"Connection refused (127.0.0.1:{port})", e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"id\":")]
    public async Task SendAsync_ServerClosesBeforeTheWholeAnswer_HttpRequestException(string? cutShort)
    {
        using var server = CannedHttpServer.OnUnixSocket(SocketPath, cutShort);
        using var transport = Http11Transport.OverUnixSocket(SocketPath, TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<HttpRequestException>(() => transport.SendAsync(HttpMethod.Post, "v1/jobs", null, CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_ServerNeverAnswers_TaskCanceledAtTheTimeLimit()
    {
        // Bound and listening, never accepting: the connection completes in the backlog and no answer comes.
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        silent.Bind(new UnixDomainSocketEndPoint(SocketPath));
        silent.Listen(1);
        using var transport = Http11Transport.OverUnixSocket(SocketPath, TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<TaskCanceledException>(() => transport.SendAsync(HttpMethod.Get, "v1/jobs", null, CancellationToken.None));
    }
}
