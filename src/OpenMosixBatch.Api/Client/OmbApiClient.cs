using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization.Metadata;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

/// <summary>HTTP/JSON client of the queue server over its Unix socket.</summary>
public sealed partial class OmbApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _socketPath;

    /// <param name="socketPath">The server's Unix socket.</param>
    /// <param name="timeout">Longest wait for an answer; a world's order stream uses <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    public OmbApiClient(string socketPath, TimeSpan? timeout = null)
    {
        _socketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://omb/"), Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    public Task<SubmitResponse> SubmitAsync(SubmitRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/jobs", request, OmbJsonContext.Default.SubmitRequest, OmbJsonContext.Default.SubmitResponse, ct);

    public Task<JobListResponse> ListJobsAsync(string? user, bool includeFinished, bool expandTasks, CancellationToken ct = default)
    {
        var query = $"v1/jobs?finished={(includeFinished ? "true" : "false")}&tasks={(expandTasks ? "true" : "false")}";
        if (!string.IsNullOrEmpty(user))
        {
            query += "&user=" + Uri.EscapeDataString(user);
        }

        return SendAsync<object, JobListResponse>(HttpMethod.Get, query, null, null, OmbJsonContext.Default.JobListResponse, ct);
    }

    public Task<JobDetailResponse> GetJobAsync(string id, CancellationToken ct = default) =>
        SendAsync<object, JobDetailResponse>(HttpMethod.Get, "v1/jobs/" + Uri.EscapeDataString(id), null, null, OmbJsonContext.Default.JobDetailResponse, ct);

    public Task<JobActionResponse> ActAsync(JobActionRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/jobs/actions", request, OmbJsonContext.Default.JobActionRequest, OmbJsonContext.Default.JobActionResponse, ct);

    public Task<NodeListResponse> ListNodesAsync(CancellationToken ct = default) =>
        SendAsync<object, NodeListResponse>(HttpMethod.Get, "v1/nodes", null, null, OmbJsonContext.Default.NodeListResponse, ct);

    public Task<NodeActionResponse> ActOnNodesAsync(NodeActionRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/nodes/actions", request, OmbJsonContext.Default.NodeActionRequest, OmbJsonContext.Default.NodeActionResponse, ct);

    public Task<WorldAttachResponse> AttachWorldAsync(WorldAttachRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/world/attach", request, OmbJsonContext.Default.WorldAttachRequest, OmbJsonContext.Default.WorldAttachResponse, ct);

    public Task<WorldReportResponse> ReportWorldAsync(WorldReport report, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/world/report", report, OmbJsonContext.Default.WorldReport, OmbJsonContext.Default.WorldReportResponse, ct);

    /// <summary>The server's orders to world <paramref name="worldId"/>, as they come; ends when the server closes the stream.</summary>
    public async IAsyncEnumerable<WorldOrder> ReadWorldOrdersAsync(string worldId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "v1/world/orders?world=" + Uri.EscapeDataString(worldId));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ServerUnreachableException(_socketPath, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiException(await ReadErrorAsync(response, ct).ConfigureAwait(false));
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(ct).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw new ServerUnreachableException(_socketPath, new HttpRequestException(e.Message, e));
                }

                if (line is null)
                {
                    yield break;
                }

                if (line.Length > 0)
                {
                    yield return System.Text.Json.JsonSerializer.Deserialize(line, OmbJsonContext.Default.WorldOrder)
                        ?? throw new ApiException(new ApiError(ApiErrorKind.Unavailable, "the server sent an empty order"));
                }
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method,
        string path,
        TRequest? body,
        JsonTypeInfo<TRequest>? requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken ct)
    {
        using var message = new HttpRequestMessage(method, path);
        if (body is not null && requestType is not null)
        {
            message.Content = JsonContent.Create(body, requestType);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // Refused, missing socket, or the connection dropped mid-request (server killed): the change was
            // not acknowledged, so the caller must treat it as not made.
            throw new ServerUnreachableException(_socketPath, e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync(responseType, ct).ConfigureAwait(false))!;
            }

            throw new ApiException(await ReadErrorAsync(response, ct).ConfigureAwait(false));
        }
    }

    private static async Task<ApiError> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            if (await response.Content.ReadFromJsonAsync(OmbJsonContext.Default.ApiError, ct).ConfigureAwait(false) is { } error)
            {
                return error;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not one of ours: fall through to a generic error naming the status.
        }

        return new ApiError(ApiErrorKind.Unavailable, $"server answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }
}
