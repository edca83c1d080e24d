using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// POST /v1/jobs/batch: many submissions in one request. Each job is a <see cref="SubmitCommand"/> of its own, decided
/// and refused alone, and all are handed to the writer at once, so they land in one group commit; the answer, one
/// result per job in the request's order, is sent only after that commit.
/// </summary>
/// <remarks>
/// One request at a time per client caps a client at one commit per round trip: 8 clients submitting one job each
/// cannot go past 8 jobs a commit. A batch lets an API client that has many jobs to submit (a workflow engine, a
/// parameter sweep) pay one round trip, one JSON body and one commit for the lot.
/// </remarks>
public static class SubmitBatchEndpoints
{
    /// <summary>The most jobs one request may carry: one writer's group, so that a batch is committed at once.</summary>
    public const int MaxJobs = 1000;

    public static void MapSubmitBatchApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/jobs/batch", SubmitBatchAsync);
    }

    private static async Task<IResult> SubmitBatchAsync(HttpContext http, CallerResolver callers, JobQueue queue, NodeTable nodes, IOptions<OmbServerOptions> options)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var request = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.SubmitBatchRequest).ConfigureAwait(false);
        if (request?.Specs is not { Count: > 0 } specs)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "malformed batch: send a SubmitBatchRequest JSON body with at least one job spec"));
        }

        if (specs.Count > MaxJobs)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, string.Create(CultureInfo.InvariantCulture,
                $"a batch holds at most {MaxJobs} jobs, this one {specs.Count}: nothing was queued; split it into several requests")));
        }

        var o = options.Value;
        var queues = AdmissionSettingsFactory.KnownQueues(o.Admission);
        var defaultMemory = SizeParser.Parse(o.DefaultMemoryPerChunk).Value;
        var limits = o.ToSubmissionLimits();
        var snapshot = nodes.Nodes;
        var pending = new Task<SubmitResponse>?[specs.Count];
        var results = new SubmitBatchResult[specs.Count];
        for (var i = 0; i < specs.Count; i++)
        {
            if (specs[i] is not { } spec)
            {
                results[i] = new SubmitBatchResult(null, new ApiError(ApiErrorKind.BadInput, "malformed job spec in the batch (null): nothing was queued for it"));
                continue;
            }

            try
            {
                pending[i] = queue.EnqueueAsync(new SubmitCommand(spec, caller, snapshot, queues, defaultMemory, limits));
            }
            catch (QueueRefusalException e)
            {
                results[i] = new SubmitBatchResult(null, e.Error);
            }
        }

        for (var i = 0; i < specs.Count; i++)
        {
            if (pending[i] is not { } task)
            {
                continue;
            }

            try
            {
                results[i] = new SubmitBatchResult(await task.ConfigureAwait(false), null);
            }
            catch (QueueRefusalException e)
            {
                results[i] = new SubmitBatchResult(null, e.Error);
            }
        }

        return Results.Json(new SubmitBatchResponse(results), OmbJsonContext.Default.SubmitBatchResponse);
    }
}
