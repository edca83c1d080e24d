using System.Net.Sockets;
using OpenMosixBatch.Api.Client;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>The client of the server this user's OMB_HOME points at.</summary>
public static class ApiClientFactory
{
    public static OmbApiClient ForCurrentUser()
    {
        var socketPath = OmbHome.SocketPath(OmbHome.Resolve());

        // No socket file means no server: say so at once instead of building an HTTP stack to find out.
        if (!File.Exists(socketPath))
        {
            throw new ServerUnreachableException(socketPath, new SocketException((int)SocketError.AddressNotAvailable));
        }

        return new OmbApiClient(socketPath);
    }
}
