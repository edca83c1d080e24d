using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// POST /v1/token (<c>omb token</c>): the caller's own TCP token, issued or rotated (the old one stops working), or
/// revoked. Only on the Unix socket, where the kernel vouches for the uid: a token can never mint another token.
/// </summary>
public static partial class TokenEndpoints
{
    public static void MapTokenApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/token", IssueAsync);
    }

    private static async Task<IResult> IssueAsync(HttpContext http, CallerResolver callers, TokenStore tokens, TimeProvider time,
        IOptions<OmbServerOptions> options, ILogger<TokenStore> log)
    {
        if (http.Connection.LocalIpAddress is not null)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, "tokens are issued only on the server's Unix socket: run 'omb token' on the server's host, without --server or OMB_SERVER"));
        }

        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        if (await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.TokenRequest).ConfigureAwait(false) is not { } request)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "the body is not a token request: use 'omb token'"));
        }

        try
        {
            if (request.Revoke)
            {
                var had = tokens.Revoke(caller.Uid);
                TokenLog.Revoked(log, caller.UserName, caller.Uid, had);
                return Results.Json(new TokenResponse(caller.UserName, null, null), OmbJsonContext.Default.TokenResponse);
            }

            var (token, expires) = tokens.Issue(caller.Uid, caller.Gid, time.GetUtcNow(), options.Value.Tcp.TokenLifetime);
            TokenLog.Issued(log, caller.UserName, caller.Uid, expires);
            return Results.Json(new TokenResponse(caller.UserName, token, expires), OmbJsonContext.Default.TokenResponse);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return QueueEndpoints.Error(StoreFailure.Describe(e, "the token", "no token was changed"));
        }
    }

    /// <summary>Who got or lost a token, and until when; never the token.</summary>
    private static partial class TokenLog
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "token issued for {User} (uid {Uid}), valid until {Expires:u}; any earlier token of theirs is void")]
        public static partial void Issued(ILogger logger, string user, uint uid, DateTimeOffset expires);

        [LoggerMessage(Level = LogLevel.Information, Message = "token of {User} (uid {Uid}) revoked (had one: {Had})")]
        public static partial void Revoked(ILogger logger, string user, uint uid, bool had);
    }
}
