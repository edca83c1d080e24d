using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Scheduling;
using OpenMosixBatch.Server.Cron;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Api;

/// <summary>The /v1/schedules API of <c>omb cron</c>; the caller comes from the socket (SO_PEERCRED), as for jobs.</summary>
public static class ScheduleEndpoints
{
    public static void MapScheduleApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/schedules", AddAsync);
        app.MapPost("/v1/schedules/import", ImportAsync);
        app.MapGet("/v1/schedules", List);
        app.MapGet("/v1/schedules/{name}", Detail);
        app.MapDelete("/v1/schedules/{name}", DeleteAsync);
        app.MapPost("/v1/schedules/{name}/pause", (HttpContext http, CallerResolver callers, CronScheduleService cron, JobQueue queue, string name) =>
            ChangeAsync(http, callers, (caller, ct) => cron.SetPausedAsync(name, true, caller, ct), queue));
        app.MapPost("/v1/schedules/{name}/resume", (HttpContext http, CallerResolver callers, CronScheduleService cron, JobQueue queue, string name) =>
            ChangeAsync(http, callers, (caller, ct) => cron.SetPausedAsync(name, false, caller, ct), queue));
        app.MapPost("/v1/schedules/{name}/run", RunAsync);
    }

    private static async Task<IResult> AddAsync(HttpContext http, CallerResolver callers, CronScheduleService cron, JobQueue queue)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        var request = await ReadAsync(http, OmbJsonContext.Default.ScheduleAddRequest).ConfigureAwait(false);
        return request is null || ToSchedule(request, caller) is not { } schedule
            ? Malformed()
            : await StoreAsync(cron, [schedule], caller, queue, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, CallerResolver callers, CronScheduleService cron, JobQueue queue)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        var request = await ReadAsync(http, OmbJsonContext.Default.ScheduleImportRequest).ConfigureAwait(false);
        var schedules = request?.Schedules?.Select(r => r is null ? null : ToSchedule(r, caller)).ToList();
        return schedules is null || schedules.Any(s => s is null)
            ? Malformed()
            : await StoreAsync(cron, schedules!, caller, queue, http.RequestAborted).ConfigureAwait(false);
    }

    private static IResult List(HttpContext http, CallerResolver callers, CronScheduleService cron, JobQueue queue)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        var state = queue.State;
        var rows = cron.Schedules.Where(l => caller.MayAccess(l.Schedule)).Select(l => ScheduleViews.Summary(l.Schedule, state)).ToList();
        return Results.Json(new ScheduleListResponse(rows), OmbJsonContext.Default.ScheduleListResponse);
    }

    private static IResult Detail(HttpContext http, CallerResolver callers, CronScheduleService cron, JobQueue queue, TimeProvider time, string name)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        return cron.FindVisible(name, caller) is { } live
            ? Results.Json(ScheduleViews.Detail(live, queue.State, time.GetUtcNow()), OmbJsonContext.Default.ScheduleDetailResponse)
            : Error(new ApiError(ApiErrorKind.Refused, $"unknown schedule '{InputText.Quote(name)}': see the names with 'omb cron list'"));
    }

    private static Task<IResult> DeleteAsync(HttpContext http, CallerResolver callers, CronScheduleService cron, JobQueue queue, string name) =>
        ChangeAsync(http, callers, (caller, ct) => cron.DeleteAsync(name, caller, ct), queue);

    private static async Task<IResult> RunAsync(HttpContext http, CallerResolver callers, CronScheduleService cron, string name)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        try
        {
            return Results.Json(await cron.RunNowAsync(name, caller, http.RequestAborted).ConfigureAwait(false), OmbJsonContext.Default.ScheduleRunResponse);
        }
        catch (QueueRefusalException e)
        {
            return Error(e.Error);
        }
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, CallerResolver callers, Func<Caller, CancellationToken, Task<Schedule>> change, JobQueue queue)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        try
        {
            var changed = await change(caller, http.RequestAborted).ConfigureAwait(false);
            return Results.Json(new ScheduleListResponse([ScheduleViews.Summary(changed, queue.State)]), OmbJsonContext.Default.ScheduleListResponse);
        }
        catch (QueueRefusalException e)
        {
            return Error(e.Error);
        }
    }

    private static async Task<IResult> StoreAsync(CronScheduleService cron, IReadOnlyList<Schedule> schedules, Caller caller, JobQueue queue, CancellationToken ct)
    {
        try
        {
            var stored = await cron.AddAsync(schedules, caller, ct).ConfigureAwait(false);
            var state = queue.State;
            return Results.Json(new ScheduleAddResponse([.. stored.Select(s => ScheduleViews.Summary(s, state))]), OmbJsonContext.Default.ScheduleAddResponse);
        }
        catch (QueueRefusalException e)
        {
            return Error(e.Error);
        }
    }

    /// <summary>The request as a candidate schedule; null when required parts are missing (a client other than omb).</summary>
    private static Schedule? ToSchedule(ScheduleAddRequest request, Caller caller) =>
        request.Name is null || request.Expression is null || request.Submit?.Spec is null || (request.SubmitArguments?.Any(a => a is null) ?? false)
            ? null
            : new Schedule
            {
                Name = request.Name,
                Owner = caller.AsOwner,
                Expression = request.Expression,
                TimeZoneId = request.TimeZoneId,
                Overlap = request.Overlap,
                Misfire = request.Misfire,
                Paused = request.Paused,
                Job = request.Submit.Spec,
                SubmitArguments = request.SubmitArguments ?? [],
                CreatedAt = DateTimeOffset.UnixEpoch,
            };

    private static async Task<T?> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static IResult Malformed() =>
        Error(new ApiError(ApiErrorKind.BadInput, "malformed schedule: send a ScheduleAddRequest JSON body (use 'omb cron add')"));

    private static IResult Unidentified() =>
        Error(new ApiError(ApiErrorKind.Refused, "cannot tell who is calling: connect through the server's Unix socket"));

    private static IResult Error(ApiError error) => QueueEndpoints.Error(error);
}
