using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Tunables;

namespace OpenMosixBatch.Server.Api;

/// <summary>GET /v1/tunables for everyone; PUT /v1/tunables/overheads and /v1/tunables/mfscosts for administrators.</summary>
public static class TunablesEndpoints
{
    public static void MapTunablesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/v1/tunables", Get);
        app.MapPut("/v1/tunables/overheads", (HttpContext http, CallerResolver callers, TunablesState state, TuneBroadcaster tune) =>
            SetAsync(http, callers, state, tune, state.SetOverheads, "omb tune set"));
        app.MapPut("/v1/tunables/mfscosts", (HttpContext http, CallerResolver callers, TunablesState state, TuneBroadcaster tune) =>
            SetAsync(http, callers, state, tune, state.SetMfsCosts, "omb tune mfs set"));
    }

    private static IResult Get(HttpContext http, CallerResolver callers, TunablesState state) =>
        callers.Resolve(http) is null ? QueueEndpoints.Unidentified() : Results.Json(state.View(), OmbJsonContext.Default.TunablesView);

    private static async Task<IResult> SetAsync(HttpContext http, CallerResolver callers, TunablesState state, TuneBroadcaster tune, Func<string, string?> set, string verb)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        if (!caller.IsAdministrator)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, $"only administrators may change the tunables; {caller.UserName} is not one (see AdministratorUids in conf/omb.json)"));
        }

        var request = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.TunablesSetRequest).ConfigureAwait(false);
        if (request?.Values is null)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, $"malformed request: send a TunablesSetRequest (use {verb})"));
        }

        string? refusal;
        try
        {
            refusal = set(request.Values);
        }
        catch (IOException e)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Unavailable, $"could not store the tunables ({e.Message}): the old values stay; check disk space in OMB_HOME"));
        }

        if (refusal is not null)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, refusal));
        }

        tune.Send();
        return Results.Json(state.View(), OmbJsonContext.Default.TunablesView);
    }
}
