using System.Text.Json.Serialization.Metadata;

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

/// <summary>A request's JSON body: the value and its source-generated metadata.</summary>
public sealed record ApiRequestBody(object Value, JsonTypeInfo TypeInfo);
