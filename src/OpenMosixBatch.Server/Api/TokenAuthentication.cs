using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Security;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// The gate of the TCP listener, ahead of everything else: a request over TCP without a valid token gets one fixed
/// 401, whatever its path, method or body, so that it learns nothing (not which paths exist, not whether the user
/// does). The body is never read and the connection is closed, so an unauthenticated client cannot make the server
/// hold more than Kestrel's header limits. Requests on the Unix socket pass untouched (the kernel names their caller).
/// </summary>
internal sealed class TokenAuthentication(RequestDelegate next, TokenStore tokens, TimeProvider time)
{
    /// <summary>The one answer to every unauthenticated TCP request, byte for byte.</summary>
    public const string RefusalMessage = "not authenticated: this listener needs a valid token (run 'omb token' on the server's host, then use its ~/.omb/token file)";

    private static readonly byte[] RefusalBody = JsonSerializer.SerializeToUtf8Bytes(new ApiError(ApiErrorKind.Refused, RefusalMessage), OmbJsonContext.Default.ApiError);

    /// <summary>A request on the Unix socket (no local IP address) goes straight on: the kernel names its caller.</summary>
    public Task InvokeAsync(HttpContext http) => http.Connection.LocalIpAddress is null ? next(http) : AuthenticateAsync(http);

    private async Task AuthenticateAsync(HttpContext http)
    {
        var token = TokenVerifier.FromAuthorizationHeader(http.Request.Headers.Authorization.Count == 1 ? http.Request.Headers.Authorization[0] : null);
        if (TokenVerifier.Verify(token, tokens.Find, time.GetUtcNow()) is not { } record)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer";
            http.Response.Headers.Connection = "close";
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = RefusalBody.Length;
            await http.Response.Body.WriteAsync(RefusalBody, http.RequestAborted).ConfigureAwait(false);
            return;
        }

        http.Features.Set(new TokenCaller(record));
        await next(http).ConfigureAwait(false);
    }
}
