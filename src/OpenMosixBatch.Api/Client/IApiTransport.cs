namespace OpenMosixBatch.Api.Client;

/// <summary>
/// How <see cref="OmbApiClient"/>'s JSON calls reach the server: one request, one complete answer. Failing to connect,
/// send or read the whole answer throws <see cref="HttpRequestException"/> (the change must be taken as not made);
/// running out of time throws <see cref="TaskCanceledException"/>.
/// </summary>
public interface IApiTransport : IDisposable
{
    Task<ApiReply> SendAsync(HttpMethod method, string pathAndQuery, ApiRequestBody? body, CancellationToken ct);
}

/// <summary>A request's JSON body, as UTF-8 bytes (serialized by the caller: qsub's are written without the serializer).</summary>
public sealed record ApiRequestBody(byte[] Json);
