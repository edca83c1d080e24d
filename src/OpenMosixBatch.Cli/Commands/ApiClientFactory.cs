using System.Net.Sockets;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Cli.Connection;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>The client of the server this user's OMB_HOME (the Unix socket) or --server / OMB_SERVER (TCP, with the token) points at.</summary>
public static class ApiClientFactory
{
    /// <summary>The local server's Unix socket, where the kernel tells the server who is calling (CliApp applies --server and OMB_SERVER).</summary>
    public static OmbApiClient ForCurrentUser()
    {
        var socketPath = OmbHome.SocketPath(OmbHome.Resolve());

        // No socket file means no server: say so at once instead of building an HTTP stack to find out.
        if (!File.Exists(socketPath))
        {
            throw new ServerUnreachableException(socketPath, new SocketException((int)SocketError.AddressNotAvailable));
        }

        return OmbApiClient.ForCommand(socketPath);
    }

    /// <summary>A server's TCP listener, with the token of ~/.omb/token (refused when others could read that file).</summary>
    /// <param name="source">Where the address came from (--server or OMB_SERVER), for the error line.</param>
    public static OmbApiClient OverTcp(string address, string source)
    {
        var server = ServerAddress.Parse(address, source);
        var token = TokenFile.Read(TokenFile.DefaultPath());
        return OmbApiClient.OverTcp(server.Host, server.Port, token);
    }
}
