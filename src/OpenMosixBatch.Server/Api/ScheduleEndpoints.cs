using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
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
        app.MapPost("/v1/schedules/{name}/pause", (HttpContext http, CallerResolver callers, UserDirectory users, CronScheduleService cron, JobQueue queue, string name, string? user) =>
            ChangeAsync(http, callers, name, user, users, (owner, caller, ct) => cron.SetPausedAsync(name, owner, true, caller, ct), queue));
        app.MapPost("/v1/schedules/{name}/resume", (HttpContext http, CallerResolver callers, UserDirectory users, CronScheduleService cron, JobQueue queue, string name, string? user) =>
            ChangeAsync(http, callers, name, user, users, (owner, caller, ct) => cron.SetPausedAsync(name, owner, false, caller, ct), queue));
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

        var rows = cron.Schedules.Where(l => caller.MayAccess(l.Schedule)).Select(l => ScheduleViews.Summary(l.Schedule, queue.Find)).ToList();
        return Results.Json(new ScheduleListResponse(rows), OmbJsonContext.Default.ScheduleListResponse);
    }

    private static IResult Detail(HttpContext http, CallerResolver callers, UserDirectory users, CronScheduleService cron, JobQueue queue, TimeProvider time, string name, string? user)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        try
        {
            return OwnerUid(user, users) is var (known, owner) && known && cron.FindVisible(name, owner, caller) is { } live
                ? Results.Json(ScheduleViews.Detail(live, queue.Find, time.GetUtcNow()), OmbJsonContext.Default.ScheduleDetailResponse)
                : Error(CronScheduleService.UnknownSchedule(name));
        }
        catch (QueueRefusalException e)
        {
            return Error(e.Error);
        }
    }

    private static Task<IResult> DeleteAsync(HttpContext http, CallerResolver callers, UserDirectory users, CronScheduleService cron, JobQueue queue, string name, string? user) =>
        ChangeAsync(http, callers, name, user, users, (owner, caller, ct) => cron.DeleteAsync(name, owner, caller, ct), queue);

    private static async Task<IResult> RunAsync(HttpContext http, CallerResolver callers, UserDirectory users, CronScheduleService cron, string name, string? user)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        try
        {
            var (known, owner) = OwnerUid(user, users);
            return known
                ? Results.Json(await cron.RunNowAsync(name, owner, caller, http.RequestAborted).ConfigureAwait(false), OmbJsonContext.Default.ScheduleRunResponse)
                : Error(CronScheduleService.UnknownSchedule(name));
        }
        catch (QueueRefusalException e)
        {
            return Error(e.Error);
        }
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, CallerResolver callers, string name, string? user, UserDirectory users,
        Func<uint?, Caller, CancellationToken, Task<Schedule>> change, JobQueue queue)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        var (known, owner) = OwnerUid(user, users);
        if (!known)
        {
            return Error(CronScheduleService.UnknownSchedule(name));
        }

        try
        {
            var changed = await change(owner, caller, http.RequestAborted).ConfigureAwait(false);
            return Results.Json(new ScheduleListResponse([ScheduleViews.Summary(changed, queue.Find)]), OmbJsonContext.Default.ScheduleListResponse);
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
            return Results.Json(new ScheduleAddResponse([.. stored.Select(s => ScheduleViews.Summary(s, queue.Find))]), OmbJsonContext.Default.ScheduleAddResponse);
        }
        catch (QueueRefusalException e)
        {
            return Error(e.Error);
        }
    }

    /// <summary>
    /// The owner a request names (<c>?user=NAME</c>, from <c>omb cron ... -u USER</c>): none, a known user's uid, or not
    /// known, which is answered as an unknown schedule (the name of a user who has no schedule tells nothing more).
    /// </summary>
    private static (bool Known, uint? Uid) OwnerUid(string? user, UserDirectory users) =>
        user is null ? (true, null) : users.UidOf(user) is { } uid ? (true, uid) : (false, null);

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
