using System.Net;
using System.Net.Sockets;

namespace OpenMosixBatch.Api.Client.Http11;

/// <summary>
/// The JSON calls of one short command (qsub, qstat, qdel, ...): each request on a connection of its own, written and
/// read by hand with blocking calls on the calling thread; the Unix socket is libc's own (<see cref="UnixSocketStream"/>).
/// A tool that sends many requests one after another keeps one connection open between them instead (keep-alive).
/// </summary>
/// <remarks>
/// A qsub process lives for one request. HttpClient's set-up (SocketsHttpHandler, its timer, the epoll thread and the
/// thread-pool workers its continuations run on) cost more than the rest of the process on this machine, and its code
/// made up much of the binary that NativeAOT rehydrates at every start. Blocking calls finish before the task is
/// returned, so no thread is ever started; the time limit is the socket's own (SO_SNDTIMEO, SO_RCVTIMEO).
/// </remarks>
public sealed class Http11Transport : IApiTransport
{
    private readonly Func<Stream> _connect;
    private readonly string _host;
    private readonly string? _bearerToken;
    private readonly TimeSpan _timeout;
    private readonly bool _keepAlive;

    // The kept connection and the reader of its answers, while keep-alive holds one; _busy refuses a second caller.
    private Stream? _kept;
    private Http11ResponseReader? _keptReader;
    private int _busy;

    private Http11Transport(Func<Stream> connect, string host, string? bearerToken, TimeSpan timeout, bool keepAlive = false)
    {
        _connect = connect;
        _host = host;
        _bearerToken = bearerToken;
        _timeout = timeout;
        _keepAlive = keepAlive;
    }

    /// <summary>The server's Unix socket, where the kernel tells the server who is calling.</summary>
    /// <param name="keepAlive">
    /// Keep one connection open from one request to the next (one request at a time); it is opened again after the
    /// server ends it or a request fails.
    /// </param>
    public static Http11Transport OverUnixSocket(string socketPath, TimeSpan timeout, bool keepAlive = false) =>
        new(() => UnixSocketStream.Connect(socketPath, timeout), "omb", null, timeout, keepAlive);

    /// <summary>The server's TCP listener, with the caller's token on every request.</summary>
    /// <param name="host">A name or address; an IPv6 address without brackets.</param>
    public static Http11Transport OverTcp(string host, int port, string bearerToken, TimeSpan timeout)
    {
        var authority = (host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host) + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new(() => new NetworkStream(ConnectTcp(host, port, timeout), ownsSocket: true), authority, bearerToken, timeout);
    }

    public Task<ApiReply> SendAsync(HttpMethod method, string pathAndQuery, ApiRequestBody? body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(method);
        ct.ThrowIfCancellationRequested();
        var request = Http11Request.Format(method.Method, pathAndQuery, _host, _bearerToken, body is null ? [] : body.Json, _keepAlive);
        try
        {
            if (_keepAlive)
            {
                return Task.FromResult(SendOnKeptConnection(request));
            }

            using var stream = _connect();
            stream.Write(request);
            return Task.FromResult(Http11ResponseReader.Read(stream));
        }
        catch (Exception e) when (e is TimeoutException || e is IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock } })
        {
            throw TimedOut(e, _timeout);
        }
        catch (IOException e)
        {
            throw new HttpRequestException($"the connection to the server broke: {e.Message}", e);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.InProgress or SocketError.WouldBlock)
        {
            // A blocking connect that SO_SNDTIMEO cut short.
            throw TimedOut(e, _timeout);
        }
        catch (SocketException e)
        {
            // HttpClient's wording, which the CLI's error line over TCP quotes: "Connection refused (127.0.0.1:7070)"
            // (a synchronous Connect's own message appends the end point).
            throw new HttpRequestException($"{new SocketException((int)e.SocketErrorCode).Message} ({_host})", e);
        }
    }

    public void Dispose() => DropKeptConnection();

    /// <summary>
    /// One exchange on the kept connection, opened first when there is none. A request the kept connection could not
    /// take at all (the server closed it while it was idle: the write fails) is sent once on a new one: the server
    /// received none of it. Any later failure drops the connection and throws: the server may have acted on the
    /// request, so it is never sent again.
    /// </summary>
    private ApiReply SendOnKeptConnection(byte[] request)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("a kept-alive transport sends one request at a time: wait for the answer, or give each thread a client of its own");
        }

        try
        {
            if (_kept is { } reused)
            {
                try
                {
                    reused.Write(request);
                }
                catch (IOException)
                {
                    DropKeptConnection();
                    OpenKeptConnection().Write(request);
                }
            }
            else
            {
                OpenKeptConnection().Write(request);
            }

            var reply = _keptReader!.Next();
            if (_keptReader.ConnectionEnds)
            {
                DropKeptConnection();
            }

            return reply;
        }
        catch
        {
            DropKeptConnection();
            throw;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private Stream OpenKeptConnection()
    {
        _kept = _connect();
        _keptReader = new Http11ResponseReader(_kept);
        return _kept;
    }

    private void DropKeptConnection()
    {
        _kept?.Dispose();
        _kept = null;
        _keptReader = null;
    }

    private static Socket Connect(Socket socket, EndPoint endPoint, TimeSpan timeout)
    {
        try
        {
            socket.SendTimeout = socket.ReceiveTimeout = Milliseconds(timeout);
            socket.Connect(endPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>HttpClient's wording for its time limit, which the CLI's error line quotes.</summary>
    private static TaskCanceledException TimedOut(Exception inner, TimeSpan timeout) =>
        new($"The request was canceled due to the configured HttpClient.Timeout of {timeout.TotalSeconds} seconds elapsing.", new TimeoutException(inner.Message, inner));

    /// <summary>Each of the host's addresses in turn; a SocketException names the last failure, as HttpClient's did.</summary>
    private static Socket ConnectTcp(string host, int port, TimeSpan timeout)
    {
        var addresses = IPAddress.TryParse(host, out var address) ? [address] : Dns.GetHostAddresses(host);
        SocketException? last = null;
        foreach (var candidate in addresses)
        {
            try
            {
                return Connect(new Socket(candidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }, new IPEndPoint(candidate, port), timeout);
            }
            catch (SocketException e)
            {
                last = e;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static int Milliseconds(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? 0 : (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
}
