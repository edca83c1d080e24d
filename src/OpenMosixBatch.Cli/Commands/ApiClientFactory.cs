using OpenMosixBatch.Api.Client;

namespace OpenMosixBatch.Cli.Commands;

/// <summary>The client of the server this user's OMB_HOME points at.</summary>
public static class ApiClientFactory
{
    public static OmbApiClient ForCurrentUser() => new(OmbHome.SocketPath(OmbHome.Resolve()));
}
