using System.Net.Sockets;

namespace OpenMosixBatch.Tests.Shared;

/// <summary>
/// A plain HttpClient on the server's Unix socket, for requests the omb client would never send. Shared by the test
/// projects (linked into each), not a product API.
/// </summary>
internal static class RawSocketClient
{
    public static HttpClient Create(string socketPath, TimeSpan? timeout = null) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        UseProxy = false,
    })
    {
        BaseAddress = new Uri("http://omb/"),
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
    };
}
