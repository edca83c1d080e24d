using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

/// <summary>The server answered with an <see cref="ApiError"/>.</summary>
public sealed class ApiException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;
}

/// <summary>No server answers on the socket (or at the TCP address).</summary>
public sealed class ServerUnreachableException(string socketPath, Exception inner)
    : Exception($"cannot reach the omb server at {socketPath}: {inner.Message}; start it with './omb server' (or set OMB_HOME to the server's directory)", inner)
{
    /// <summary>The socket path, or HOST:PORT when <see cref="OverTcp"/>.</summary>
    public string SocketPath { get; } = socketPath;

    public bool OverTcp { get; init; }
}

/// <summary>The server's TCP listener refused the token (401): missing, wrong, expired or revoked; it says no more.</summary>
public sealed class TokenRefusedException(string address)
    : Exception($"the omb server at {address} refused the token")
{
    public string Address { get; } = address;
}
