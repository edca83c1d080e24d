using System.Net.Sockets;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>Makes sure one server owns a socket path: refuses a live one, removes a stale one left by a crash.</summary>
public static class SocketGuard
{
    /// <summary>Null when the path is free to listen on; otherwise why not.</summary>
    public static string? Claim(string socketPath)
    {
        if (!File.Exists(socketPath))
        {
            return null;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(socketPath));
            return $"another omb server is running on {socketPath}: stop it first, or use another --home";
        }
        catch (SocketException)
        {
            File.Delete(socketPath);
            return null;
        }
    }
}
