using System.Net.Http.Headers;

namespace OpenMosixBatch.Api.Client;

/// <summary>
/// The JSON calls over <see cref="HttpClient"/>: pooled connections for long-lived callers (the MPI world's rank 0),
/// and the same client serves the order stream and checkpoint transfers.
/// </summary>
public sealed class HttpClientTransport(HttpClient http) : IApiTransport
{
    public HttpClient Http { get; } = http;

    public async Task<ApiReply> SendAsync(HttpMethod method, string pathAndQuery, ApiRequestBody? body, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body.Json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };
        }

        using var response = await Http.SendAsync(message, ct).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return new ApiReply((int)response.StatusCode, response.ReasonPhrase ?? string.Empty, bytes);
    }

    public void Dispose() => Http.Dispose();
}
