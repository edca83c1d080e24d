using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Core.Storage;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// GET /v1/jobs/{id}/events (tracejob): the job's history from the store's append-only event log, each event written
/// in the same transaction as the change it records, and the events of changes the queue keeps in memory until the
/// job's next write (<see cref="JobQueue.EventsOf"/>). Never waits for the writer.
/// </summary>
public static class TraceEndpoints
{
    /// <summary>The longest period tracejob -n takes, about 100 years (more would overflow a time).</summary>
    public const int MaxDays = 36500;

    public static void MapTraceApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/v1/jobs/{id}/events", Trace);
    }

    /// <summary>The answer for <paramref name="id"/>, or why not: a bad id or period (bad input), a job the caller may not see (refused).</summary>
    internal static (JobEventsResponse? Response, ApiError? Error) Decide(string id, int? days, Caller caller, Func<long, Job?> find, Func<long, IReadOnlyList<JobEvent>> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(events);
        if (!JobIds.TryParse(id, out var reference))
        {
            return (null, new ApiError(ApiErrorKind.BadInput, $"invalid job id '{InputText.Quote(id)}': ids look like 42, 42.host or 42[]"));
        }

        if (days is < 1 or > MaxDays)
        {
            return (null, new ApiError(ApiErrorKind.BadInput, $"invalid period of {days} days: use -n with 1 to {MaxDays}, e.g. tracejob -n 7 {InputText.Quote(id)}"));
        }

        if (caller.Sees(find(reference.JobId)) is not { } job)
        {
            return (null, new ApiError(ApiErrorKind.Refused, Caller.UnknownJob(id)));
        }

        var cutoff = days is { } d ? now.AddDays(-d) : DateTimeOffset.MinValue;
        return (new JobEventsResponse(job, [.. events(job.Id).Where(e => e.Time >= cutoff)]), null);
    }

    private static IResult Trace(HttpContext http, CallerResolver callers, JobQueue queue, TimeProvider time, string id, int? days)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        try
        {
            var (response, error) = Decide(id, days, caller, queue.Find, queue.EventsOf, time.GetUtcNow());
            return error is not null ? QueueEndpoints.Error(error) : Results.Json(response, OmbJsonContext.Default.JobEventsResponse);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return QueueEndpoints.Error(StoreFailure.Describe(e, "reading the job's history"));
        }
    }
}
