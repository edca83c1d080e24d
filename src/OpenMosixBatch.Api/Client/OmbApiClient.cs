using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization.Metadata;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

/// <summary>HTTP/JSON client of the queue server, over its Unix socket or, with a token, over TCP.</summary>
public sealed partial class OmbApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _socketPath;
    private readonly bool _overTcp;

    /// <param name="socketPath">The server's Unix socket.</param>
    /// <param name="timeout">Longest wait for an answer; a world's order stream uses <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    public OmbApiClient(string socketPath, TimeSpan? timeout = null)
        : this(UnixSocketHandler(socketPath), new Uri("http://omb/"), socketPath, overTcp: false, timeout)
    {
    }

    private OmbApiClient(HttpMessageHandler handler, Uri baseAddress, string address, bool overTcp, TimeSpan? timeout)
    {
        _socketPath = address;
        _overTcp = overTcp;
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    /// <summary>A client of the server's TCP listener at <paramref name="host"/>:<paramref name="port"/>, sending <paramref name="token"/> with every request.</summary>
    public static OmbApiClient OverTcp(string host, int port, string token, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var hostPart = host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host;
        var client = new OmbApiClient(new SocketsHttpHandler { UseProxy = false }, new Uri($"http://{hostPart}:{port}/"), $"{hostPart}:{port}", overTcp: true, timeout);
        client._http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static SocketsHttpHandler UnixSocketHandler(string socketPath) => new()
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

    /// <summary>Issues (or with <see cref="TokenRequest.Revoke"/> withdraws) the caller's TCP token; the server grants it on its Unix socket only.</summary>
    public Task<TokenResponse> IssueTokenAsync(TokenRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/token", request, OmbJsonContext.Default.TokenRequest, OmbJsonContext.Default.TokenResponse, ct);

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
            throw Unreachable(e);
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
                    throw Unreachable(new HttpRequestException(e.Message, e));
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
            throw Unreachable(e);
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

    private ServerUnreachableException Unreachable(Exception e) => new(_socketPath, e) { OverTcp = _overTcp };

    private async Task<ApiError> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (_overTcp && response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            throw new TokenRefusedException(_socketPath);
        }

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
