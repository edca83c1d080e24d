using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Api;

/// <summary>POST /v1/jobs/select (qselect): reads the published snapshot, so it never waits for the writer.</summary>
public static class SelectEndpoints
{
    public static void MapSelectApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/jobs/select", SelectAsync);
    }

    /// <summary>The ids of the jobs <paramref name="caller"/> may see that match, in id order; or why the filters are refused.</summary>
    internal static (JobSelectResponse? Response, ApiError? Error) Decide(JobSelectRequest? request, Caller caller, IEnumerable<Job> jobs)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(jobs);
        if (request?.Selection is not { } selection)
        {
            return (null, new ApiError(ApiErrorKind.BadInput, "malformed selection: send a JobSelectRequest JSON body (use qselect)"));
        }

        if (selection.Validate() is { } problem)
        {
            return (null, new ApiError(ApiErrorKind.BadInput, problem));
        }

        var ids = jobs.Where(j => caller.MayAccess(j) && selection.Matches(j)).OrderBy(j => j.Id).Select(j => j.DisplayId).ToList();
        return (new JobSelectResponse(ids), null);
    }

    private static async Task<IResult> SelectAsync(HttpContext http, CallerResolver callers, JobQueue queue)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var request = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.JobSelectRequest).ConfigureAwait(false);
        var live = queue.State.Jobs.Values;

        // Finished jobs live in the store only: read them when the selection may match one (-x, or -s with C, F or X).
        var jobs = request?.Selection?.MayMatchFinished == true
            ? JobViews.MergeById(live, queue.FinishedJobs(caller.IsAdministrator ? null : caller.Uid))
            : live;
        try
        {
            var (response, error) = Decide(request, caller, jobs);
            return error is not null ? QueueEndpoints.Error(error) : Results.Json(response, OmbJsonContext.Default.JobSelectResponse);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return QueueEndpoints.Error(StoreFailure.Describe(e, "reading the finished jobs"));
        }
    }
}
