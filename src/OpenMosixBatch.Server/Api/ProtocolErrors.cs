using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Options;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// Gives every refusal below the endpoints a JSON <see cref="ApiError"/> body, as the endpoints give theirs: a body over
/// <see cref="LimitsOptions.MaxRequestBodySize"/> (counted by <see cref="LimitedRequestBody"/>), a parameter that does not bind,
/// and a path or method the API does not have. Without this they would be empty 4xx answers, or a 500 for the first.
/// </summary>
internal sealed class ProtocolErrors(RequestDelegate next, IOptions<OmbServerOptions> options)
{
    private const string UseTheCli = "use the omb CLI, which speaks this API";

    /// <summary>How much of a refused body is read away so the client can read the refusal; past that the connection is cut.</summary>
    public const long DrainLimit = 256L << 20;

    public async Task InvokeAsync(HttpContext http)
    {
        var body = http.Request.Body;
        var limit = options.Value.Limits.RequestBodyBytes;
        try
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<StreamedBody>() is null)
            {
                if (http.Request.ContentLength > limit)
                {
                    throw new BadHttpRequestException("request body too large", StatusCodes.Status413PayloadTooLarge);
                }

                http.Request.Body = new LimitedRequestBody(body, limit);
            }

            await next(http).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await DrainAsync(http, body).ConfigureAwait(false);
            }

            var why = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the request body is larger than the server's limit of {SizeParser.Human(options.Value.Limits.RequestBodyBytes)}: nothing was changed; send less (a job script is at most {options.Value.Limits.MaxScriptSize}), or ask an administrator to raise {LimitsOptions.RequestBodyKey} in conf/omb.json"
                : $"bad request to {http.Request.Method} {Shown(http.Request.Path)} ({OneLine(e.Message)}): {UseTheCli}";
            await WriteAsync(http, e.StatusCode, why).ConfigureAwait(false);
            return;
        }

        var status = http.Response.StatusCode;
        if (!http.Response.HasStarted && status >= 400 && http.Response.ContentType is null && http.Response.ContentLength is null)
        {
            var why = status is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed
                ? $"the API has no {http.Request.Method} {Shown(http.Request.Path)}: {UseTheCli}"
                : $"{http.Request.Method} {Shown(http.Request.Path)} was refused with HTTP {status}: {UseTheCli}";
            await WriteAsync(http, status, why).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the rest of a refused body into one small buffer: the client, still sending, then reads the 413.</summary>
    private static async Task DrainAsync(HttpContext http, Stream body)
    {
        var buffer = new byte[64 * 1024];
        long drained = 0;
        try
        {
            int n;
            while (drained < DrainLimit && (n = await body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                drained += n;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client gave up or broke the framing: the answer below may not reach it, and nothing else is owed.
        }

        if (drained >= DrainLimit)
        {
            http.Response.Headers.Connection = "close";
        }
    }

    private static async Task WriteAsync(HttpContext http, int status, string message)
    {
        http.Response.Clear();
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, new ApiError(ApiErrorKind.BadInput, message), OmbJsonContext.Default.ApiError, http.RequestAborted)
            .ConfigureAwait(false);
    }

    /// <summary>A path as it may appear in a one-line error: control characters replaced, long ones cut.</summary>
    private static string Shown(PathString path) => InputText.Quote(path.Value ?? "/", 120);

    private static string OneLine(string message) => InputText.Quote(message, 200);
}
