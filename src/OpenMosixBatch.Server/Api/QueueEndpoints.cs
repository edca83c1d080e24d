using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Status;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Api;

/// <summary>The HTTP/JSON API the omb CLI speaks (src/OpenMosixBatch.Api/Client/OmbApiClient.cs is its client).</summary>
public static class QueueEndpoints
{
    public static void MapQueueApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/jobs", SubmitAsync);
        app.MapGet("/v1/jobs", List);
        app.MapGet("/v1/jobs/{id}", Detail);
        app.MapPost("/v1/jobs/actions", ActAsync);
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, CallerResolver callers, JobQueue queue, NodeTable nodes, IOptions<OmbServerOptions> options)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        var request = await ReadAsync(http, OmbJsonContext.Default.SubmitRequest).ConfigureAwait(false);
        if (request?.Spec is null)
        {
            return Error(new ApiError(ApiErrorKind.BadInput, "malformed submission: send a SubmitRequest JSON body (use the omb CLI)"));
        }

        var o = options.Value;
        var command = new SubmitCommand(request.Spec, caller, nodes.Nodes, AdmissionSettingsFactory.KnownQueues(o.Admission),
            SizeParser.Parse(o.DefaultMemoryPerChunk).Value, o.ToSubmissionLimits());
        try
        {
            // With its length, so the few bytes go out in one write, not as chunks.
            return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(await queue.EnqueueAsync(command).ConfigureAwait(false), OmbJsonContext.Default.SubmitResponse),
                "application/json; charset=utf-8");
        }
        catch (QueueRefusalException e)
        {
            return Error(e.Error);
        }
    }

    private static IResult List(HttpContext http, CallerResolver callers, JobQueue queue, ListingCache listings, string? user, bool? finished, bool? tasks)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        var state = queue.State;
        var key = new ListingKey(caller.IsAdministrator ? null : caller.Uid, user, finished ?? false, tasks ?? false);
        ReadOnlyMemory<byte> body;
        try
        {
            body = listings.Get(state, key, () => ListingBody(queue, state, caller, key));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Error(StoreFailure.Describe(e, "reading the finished jobs"));
        }

        return Results.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>
    /// The live jobs from the snapshot and, with qstat -x, the finished ones from the store (they live there only), in
    /// id order: the store's history is merged in as it is read, a year of it never held in memory as jobs.
    /// </summary>
    private static ReadOnlyMemory<byte> ListingBody(JobQueue queue, QueueState state, Caller caller, ListingKey key)
    {
        var user = key.User;
        var live = state.Jobs.Values.Where(j => caller.MayAccess(j) && (user is null || j.Owner.UserName == user));
        var visible = key.Finished
            ? JobViews.MergeById(live, queue.FinishedJobs(key.VisibleUid).Where(j => caller.MayAccess(j) && (user is null || j.Owner.UserName == user)))
            : live;

        // One synchronous serialization into one buffer, row by row: at 100,000 rows this is several times faster than
        // streaming the body through the response pipe in small asynchronous flushes, and holds no list of the rows.
        return JobListing.Body(visible, key.Finished, key.Tasks, state.Jobs.Count);
    }

    private static IResult Detail(HttpContext http, CallerResolver callers, JobQueue queue, Dispatcher reasons, EstimateCache estimates, string id)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        if (!JobIds.TryParse(id, out var reference))
        {
            return Error(new ApiError(ApiErrorKind.BadInput, $"invalid job id '{InputText.Quote(id)}': ids look like 42, 42.host, 42[] or 42[3]"));
        }

        Job? found;
        try
        {
            found = queue.Find(reference.JobId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Error(StoreFailure.Describe(e, "reading the job"));
        }

        if (caller.Sees(found) is not { } job)
        {
            return Error(new ApiError(ApiErrorKind.Refused, Caller.UnknownJob(id)));
        }

        var live = !job.State.IsFinished() && !job.State.IsActive() ? reasons.For(job) : null;
        var estimate = QueueIndex.IsPending(job) ? estimates.Current().GetValueOrDefault(job.Id) : null;
        return Results.Json(new JobDetailResponse(live is null ? job : job with { Reason = live }, estimate), OmbJsonContext.Default.JobDetailResponse);
    }

    private static async Task<IResult> ActAsync(HttpContext http, CallerResolver callers, JobQueue queue, WorldGateway gateway, IOptions<OmbServerOptions> options)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return Unidentified();
        }

        var request = await ReadAsync(http, OmbJsonContext.Default.JobActionRequest).ConfigureAwait(false);
        if (request?.Ids is null || request.Ids.Count == 0)
        {
            return Error(new ApiError(ApiErrorKind.BadInput, "no job ids given: name at least one, e.g. qdel 42"));
        }

        try
        {
            var queues = AdmissionSettingsFactory.KnownQueues(options.Value.Admission);
            if (request.Action == JobAction.Move && (string.IsNullOrWhiteSpace(request.Destination) || !queues.Contains(request.Destination)))
            {
                return Error(new ApiError(ApiErrorKind.BadInput, string.IsNullOrWhiteSpace(request.Destination)
                    ? "no destination queue given: name it, e.g. qmove express 42"
                    : $"unknown queue '{InputText.Quote(request.Destination)}': known queues are {string.Join(", ", queues)} (qmove QUEUE ID...)"));
            }

            var command = new ActionCommand(request.Action, request.Ids, caller, request.Destination, queues);
            var response = await queue.EnqueueAsync(command).ConfigureAwait(false);
            foreach (var kill in command.KillOrders)
            {
                gateway.Send(kill);
            }

            return Results.Json(response, OmbJsonContext.Default.JobActionResponse);
        }
        catch (QueueRefusalException e)
        {
            return Error(e.Error);
        }
    }

    /// <summary>Runs a per-job command (qsig, qalter), then sends the world the orders it decided, only after its commit.</summary>
    internal static async Task<IResult> RunThenSendAsync<TCommand>(JobQueue queue, WorldGateway gateway, TCommand command, Func<TCommand, IEnumerable<WorldOrder>> orders)
        where TCommand : QueueCommand<JobActionResponse>
    {
        try
        {
            var response = await queue.EnqueueAsync(command).ConfigureAwait(false);
            foreach (var order in orders(command))
            {
                gateway.Send(order);
            }

            return Results.Json(response, OmbJsonContext.Default.JobActionResponse);
        }
        catch (QueueRefusalException e)
        {
            return Error(e.Error);
        }
    }

    /// <summary>The longest body <see cref="ReadAsync"/> reads whole before parsing it (a submission's is a few hundred bytes).</summary>
    internal const int WholeBodyBytes = 64 * 1024;

    /// <summary>
    /// The request's JSON body as <typeparamref name="T"/>, or default when it is not such JSON. A body of known length
    /// up to <see cref="WholeBodyBytes"/> is read whole and parsed in one call, which costs a submission much less CPU
    /// than the serializer's resumable reading of a stream; a longer or chunked one is read as a stream.
    /// </summary>
    internal static async Task<T?> ReadAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            if (http.Request.ContentLength is long length and > 0 and <= WholeBodyBytes)
            {
                var buffer = ArrayPool<byte>.Shared.Rent((int)length);
                try
                {
                    var read = await http.Request.Body.ReadAtLeastAsync(buffer.AsMemory(0, (int)length), (int)length, throwOnEndOfStream: false, http.RequestAborted).ConfigureAwait(false);
                    return JsonSerializer.Deserialize(buffer.AsSpan(0, read), type);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            return await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    internal static IResult Unidentified() =>
        Error(new ApiError(ApiErrorKind.Refused, "cannot tell who is calling: connect through the server's Unix socket"));

    internal static IResult Error(ApiError error) => Results.Json(error, OmbJsonContext.Default.ApiError, statusCode: error.Kind switch
    {
        ApiErrorKind.BadInput => StatusCodes.Status400BadRequest,
        ApiErrorKind.Refused => StatusCodes.Status403Forbidden,
        ApiErrorKind.StorageFull => StatusCodes.Status507InsufficientStorage,
        _ => StatusCodes.Status503ServiceUnavailable,
    });
}
