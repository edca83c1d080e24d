using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenMosixBatch.Api.Client.Http11;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

/// <summary>HTTP/JSON client of the queue server, over its Unix socket or, with a token, over TCP.</summary>
public sealed partial class OmbApiClient : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly IApiTransport _transport;
    private readonly HttpClient? _http;
    private readonly string _socketPath;
    private readonly bool _overTcp;

    /// <summary>A client over HttpClient, with pooled connections, the world's order stream and checkpoint transfers.</summary>
    /// <param name="socketPath">The server's Unix socket.</param>
    /// <param name="timeout">Longest wait for an answer; a world's order stream uses <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    public OmbApiClient(string socketPath, TimeSpan? timeout = null)
        : this(HttpOverUnixSocket(socketPath, timeout ?? DefaultTimeout), socketPath)
    {
    }

    private OmbApiClient(HttpClientTransport transport, string socketPath)
        : this(transport, transport.Http, socketPath, overTcp: false)
    {
    }

    private OmbApiClient(IApiTransport transport, HttpClient? http, string address, bool overTcp)
    {
        _transport = transport;
        _http = http;
        _socketPath = address;
        _overTcp = overTcp;
    }

    /// <summary>
    /// A client for one short command (qsub, qstat, ...): each call a hand-written HTTP/1.1 exchange on the calling
    /// thread (<see cref="Http11Transport"/>). It has no order stream and no checkpoint transfers.
    /// </summary>
    public static OmbApiClient ForCommand(string socketPath, TimeSpan? timeout = null) =>
        new(Http11Transport.OverUnixSocket(socketPath, timeout ?? DefaultTimeout), null, socketPath, overTcp: false);

    /// <summary>
    /// A client for a tool that sends many requests one after another: as <see cref="ForCommand"/>, but all on one
    /// connection kept open between them (HTTP/1.1 keep-alive). One call at a time: give each thread a client of its own.
    /// </summary>
    public static OmbApiClient OverKeptConnection(string socketPath, TimeSpan? timeout = null) =>
        new(Http11Transport.OverUnixSocket(socketPath, timeout ?? DefaultTimeout, keepAlive: true), null, socketPath, overTcp: false);

    /// <summary>A client of the server's TCP listener at <paramref name="host"/>:<paramref name="port"/>, sending <paramref name="token"/> with every request.</summary>
    public static OmbApiClient OverTcp(string host, int port, string token, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var hostPart = host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host;
        return new OmbApiClient(Http11Transport.OverTcp(host, port, token, timeout ?? DefaultTimeout), null, $"{hostPart}:{port}", overTcp: true);
    }

    /// <summary>The HttpClient of a client made with the constructor; the short-command client has none.</summary>
    private HttpClient Http => _http ?? throw new NotSupportedException("this call needs the HttpClient-based OmbApiClient (its constructor), not ForCommand or OverTcp");

    private static HttpClientTransport HttpOverUnixSocket(string socketPath, TimeSpan timeout) =>
        new(new HttpClient(UnixSocketHandler(socketPath)) { BaseAddress = new Uri("http://omb/"), Timeout = timeout });

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

    /// <remarks>
    /// Written and read by <see cref="SubmissionJsonWriter"/> and <see cref="SubmissionJsonReader"/> (the serializer's
    /// bytes, without the serializer), so that qsub's small image carries no JSON serializer.
    /// </remarks>
    public async Task<SubmitResponse> SubmitAsync(SubmitRequest request, CancellationToken ct = default) =>
        SubmissionJsonReader.ReadResponse(await SendBytesAsync(HttpMethod.Post, "v1/jobs", new ApiRequestBody(SubmissionJsonWriter.Write(request)), ct).ConfigureAwait(false))!;

    /// <summary>
    /// Submits every job of <paramref name="request"/> in one request (at most 1,000); the results come in its order,
    /// after the accepted jobs are durably stored. A job refused carries its error and does not refuse the others.
    /// </summary>
    public Task<SubmitBatchResponse> SubmitBatchAsync(SubmitBatchRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/jobs/batch", request, OmbJsonContext.Default.SubmitBatchRequest, OmbJsonContext.Default.SubmitBatchResponse, ct);

    public async Task<JobListResponse> ListJobsAsync(string? user, bool includeFinished, bool expandTasks, CancellationToken ct = default) =>
        JsonSerializer.Deserialize(await ListJobsBodyAsync(user, includeFinished, expandTasks, ct).ConfigureAwait(false), OmbJsonContext.Default.JobListResponse)!;

    /// <summary>The listing's JSON body as the server sent it, for <see cref="JobListReader"/> to read row by row.</summary>
    public Task<byte[]> ListJobsBodyAsync(string? user, bool includeFinished, bool expandTasks, CancellationToken ct = default)
    {
        var query = $"v1/jobs?finished={(includeFinished ? "true" : "false")}&tasks={(expandTasks ? "true" : "false")}";
        if (!string.IsNullOrEmpty(user))
        {
            query += "&user=" + Uri.EscapeDataString(user);
        }

        return SendForBodyAsync<object>(HttpMethod.Get, query, null, null, ct);
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

    public Task<MembershipResponse> ChangeMembershipAsync(MembershipRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/nodes/membership", request, OmbJsonContext.Default.MembershipRequest, OmbJsonContext.Default.MembershipResponse, ct);

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
            response = await Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
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
                    yield return JsonSerializer.Deserialize(line, OmbJsonContext.Default.WorldOrder)
                        ?? throw new ApiException(new ApiError(ApiErrorKind.Unavailable, "the server sent an empty order"));
                }
            }
        }
    }

    public void Dispose() => _transport.Dispose();

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method,
        string path,
        TRequest? body,
        JsonTypeInfo<TRequest>? requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken ct) =>
        JsonSerializer.Deserialize(await SendForBodyAsync(method, path, body, requestType, ct).ConfigureAwait(false), responseType)!;

    /// <summary>A successful answer's body; an error answer is thrown as <see cref="ApiException"/>.</summary>
    private Task<byte[]> SendForBodyAsync<TRequest>(HttpMethod method, string path, TRequest? body, JsonTypeInfo<TRequest>? requestType, CancellationToken ct) =>
        SendBytesAsync(method, path, body is not null && requestType is not null ? new ApiRequestBody(JsonSerializer.SerializeToUtf8Bytes(body, requestType)) : null, ct);

    private async Task<byte[]> SendBytesAsync(HttpMethod method, string path, ApiRequestBody? body, CancellationToken ct)
    {
        ApiReply reply;
        try
        {
            reply = await _transport.SendAsync(method, path, body, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // Refused, missing socket, or the connection dropped mid-request (server killed): the change was
            // not acknowledged, so the caller must treat it as not made.
            throw Unreachable(e);
        }

        return reply.IsSuccess ? reply.Body : throw new ApiException(ReadError(reply.StatusCode, reply.ReasonPhrase, reply.Body));
    }

    private ServerUnreachableException Unreachable(Exception e) => new(_socketPath, e) { OverTcp = _overTcp };

    private async Task<ApiError> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct) =>
        ReadError((int)response.StatusCode, response.ReasonPhrase ?? string.Empty, await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));

    private ApiError ReadError(int statusCode, string reasonPhrase, byte[] body)
    {
        if (_overTcp && statusCode == (int)System.Net.HttpStatusCode.Unauthorized)
        {
            throw new TokenRefusedException(_socketPath);
        }

        try
        {
            if (SubmissionJsonReader.ReadError(body) is { } error)
            {
                return error;
            }
        }
        catch (JsonException)
        {
            // Not one of ours: fall through to a generic error naming the status.
        }

        return new ApiError(ApiErrorKind.Unavailable, $"server answered {statusCode} {reasonPhrase}");
    }
}
