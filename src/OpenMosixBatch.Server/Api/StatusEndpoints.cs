using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Options;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Status;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// qstat -T (GET /v1/estimates: the caller's own waiting jobs, or all for an administrator), qstat -Q (GET /v1/queues)
/// and qstat -B (GET /v1/server): the last two are aggregates anyone connected may read.
/// </summary>
public static class StatusEndpoints
{
    public static void MapStatusApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/v1/estimates", Estimates);
        app.MapGet("/v1/queues", Queues);
        app.MapGet("/v1/server", Server);
    }

    private static IResult Estimates(HttpContext http, CallerResolver callers, JobQueue queue, EstimateCache estimates, string? user)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var state = queue.State;
        var all = estimates.Current();
        var rows = new List<JobEstimate>();
        foreach (var key in state.Index.Pending)
        {
            if (state.Jobs.GetValueOrDefault(key.JobId) is not { } job || !caller.MayAccess(job) || (user is not null && job.Owner.UserName != user)
                || !all.TryGetValue(job.Id, out var estimate))
            {
                continue;
            }

            rows.Add(new JobEstimate(job.DisplayId, job.Spec.Name, job.Owner.UserName, job.Spec.Queue, job.State.Letter(), job.Tasks.Count, estimate));
        }

        return Results.Json(new EstimateListResponse(rows), OmbJsonContext.Default.EstimateListResponse);
    }

    private static IResult Queues(HttpContext http, CallerResolver callers, JobQueue queue, AdmissionSettings settings, IOptions<OmbServerOptions> options) =>
        callers.Resolve(http) is null
            ? QueueEndpoints.Unidentified()
            : Results.Json(new QueueListResponse(StatusViews.Queues(queue.State.Jobs.Values, AdmissionSettingsFactory.KnownQueues(options.Value.Admission), settings)),
                OmbJsonContext.Default.QueueListResponse);

    private static IResult Server(HttpContext http, CallerResolver callers, JobQueue queue, NodeTable nodes, WorldGateway gateway, AdmissionSettings settings,
        ServerStartTime started, TimeProvider time)
    {
        if (callers.Resolve(http) is null)
        {
            return QueueEndpoints.Unidentified();
        }

        return Results.Json(ServerStatusOf(queue.State, nodes, gateway, settings, started, time), OmbJsonContext.Default.ServerStatus);
    }

    /// <summary>qstat -B's figures for <paramref name="state"/>; omb top's header shows the same.</summary>
    internal static ServerStatus ServerStatusOf(QueueState state, NodeTable nodes, WorldGateway gateway, AdmissionSettings settings, ServerStartTime started,
        TimeProvider time)
    {
        var session = gateway.Current;
        return StatusViews.Server(state.Jobs.Values, nodes.Snapshot(state), settings, Environment.MachineName, started.At, time.GetUtcNow(),
            session?.Id, session?.AttachedAt, OmbServerOptions.DefaultQueue);
    }
}
