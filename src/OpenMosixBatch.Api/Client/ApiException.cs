using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

/// <summary>The server answered with an <see cref="ApiError"/>.</summary>
public sealed class ApiException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;
}

/// <summary>No server answers on the socket.</summary>
public sealed class ServerUnreachableException(string socketPath, Exception inner)
    : Exception($"cannot reach the omb server at {socketPath}: {inner.Message}; start it with './omb server' (or set OMB_HOME to the server's directory)", inner)
{
    public string SocketPath { get; } = socketPath;
}
