using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenMosixBatch.Cli.Tests.Api.Http11;

/// <summary>
/// A listener (Unix socket or loopback TCP) that answers every connection with the same bytes: it reads the request's
/// head and its Content-Length body, records them, writes the answer (which may be cut short) and closes; or, kept
/// alive, answers each request on a connection the same way until the client closes it.
/// </summary>
internal sealed class CannedHttpServer : IDisposable
{
    private readonly Socket _listener;
    private readonly byte[]? _answer;
    private readonly List<string> _requests = [];
    private readonly bool _keepAlive;
    private readonly Task _loop;
    private int _connections;
    private int _closed;

    private CannedHttpServer(Socket listener, EndPoint endPoint, byte[]? answer, bool keepAlive = false)
    {
        _listener = listener;
        _answer = answer;
        _keepAlive = keepAlive;
        _listener.Bind(endPoint);
        _listener.Listen(8);
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Listens on <paramref name="socketPath"/>; a null <paramref name="answer"/> closes each connection without a byte.</summary>
    public static CannedHttpServer OnUnixSocket(string socketPath, string? answer) =>
        new(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), new UnixDomainSocketEndPoint(socketPath), Bytes(answer));

    /// <summary>Listens on <paramref name="socketPath"/>, answering every request of a connection until the client closes it.</summary>
    public static CannedHttpServer KeptAliveOnUnixSocket(string socketPath, string answer) =>
        new(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), new UnixDomainSocketEndPoint(socketPath), Bytes(answer), keepAlive: true);

    public static CannedHttpServer OnLoopback(string? answer) =>
        new(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), new IPEndPoint(IPAddress.Loopback, 0), Bytes(answer));

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections this side has closed so far.</summary>
    public int Closed => Volatile.Read(ref _closed);

    /// <summary>Every request received so far, head and body as text.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            using (connection)
            {
                do
                {
                    var request = await ReadRequestAsync(connection);
                    if (request.Length == 0 && _keepAlive)
                    {
                        break;
                    }

                    lock (_requests)
                    {
                        _requests.Add(request);
                    }

                    if (_answer is not null)
                    {
                        await connection.SendAsync(_answer);
                    }
                }
                while (_keepAlive);
            }

            Interlocked.Increment(ref _closed);
        }
    }

    private static async Task<string> ReadRequestAsync(Socket connection)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.UTF8.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0 && received.Count >= end + 4 + ContentLength(text[..end]))
            {
                return text;
            }

            var n = await connection.ReceiveAsync(buffer);
            if (n == 0)
            {
                return text;
            }

            received.AddRange(buffer.AsSpan(0, n));
        }
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length: ", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line["Content-Length: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static byte[]? Bytes(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);
}
