using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// POST /v1/jobs/migrate (<c>omb migrate JOBID NODE</c>): checks the request and sends the world a Migrate order;
/// rank 0 carries it out like a planner's move, and the task shows M once it reports Migrating.
/// </summary>
public static class MigrateEndpoints
{
    public static void MapMigrateApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/jobs/migrate", MigrateAsync);
    }

    /// <summary>The order to send, or one line saying why not (unknown job or node, not running, not checkpointing, ...).</summary>
    internal static (WorldOrder? Order, ApiError? Error) Decide(MigrateRequest request, Caller caller, Func<long, Job?> find, IReadOnlyList<NodeSnapshot> nodes, bool worldAttached)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(nodes);
        static (WorldOrder?, ApiError?) Refuse(string why) => (null, new ApiError(ApiErrorKind.Refused, why));
        if (!JobIds.TryParse(request.Id, out var reference))
        {
            return (null, new ApiError(ApiErrorKind.BadInput, $"invalid job id '{InputText.Quote(request.Id)}': ids look like 42 or 42[3] (omb migrate 42 node2)"));
        }

        if (caller.Sees(find(reference.JobId)) is not { } job)
        {
            return Refuse(Caller.UnknownJob(request.Id));
        }

        if (job.Spec.IsArray && reference.ArrayIndex is null)
        {
            return Refuse($"job {job.DisplayId} is an array: move one element, e.g. omb migrate {job.Id}[{job.Tasks[0].Index}] {InputText.Quote(request.Target)}");
        }

        var task = job.Tasks.FirstOrDefault(t => t.Index == (reference.ArrayIndex ?? job.Tasks[0].Index));
        if (task is null || (reference.ArrayIndex is not null && !job.Spec.IsArray))
        {
            return Refuse($"job {job.Id} has no element {InputText.Quote(request.Id)}: check the indices with 'qstat -t {job.DisplayId}'");
        }

        var name = job.Spec.IsArray ? JobIds.FormatTask(job.Id, task.Index) : job.DisplayId;
        if (!job.Spec.Checkpoint.Enabled)
        {
            return Refuse($"job {name} does not checkpoint, so it cannot move: submit it with qsub -c enabled (or -c periodic=MINUTES)");
        }

        if (!job.Spec.Resources.Migratable)
        {
            return Refuse($"job {name} runs home (-l migratable=false or #OMB --run-home): it never moves once started");
        }

        if (task.State != JobState.Running || task.Node is null || task.StartTime is null)
        {
            return Refuse($"job {name} is not running (state {task.State.Letter()}): only a running task can move; wait until qstat shows R");
        }

        if (nodes.FirstOrDefault(n => n.Name == request.Target) is not { } target)
        {
            return Refuse($"unknown node '{InputText.Quote(request.Target)}': known nodes are {string.Join(", ", nodes.Select(n => n.Name).Order(StringComparer.Ordinal))} (see pbsnodes -a)");
        }

        var source = task.Node.First;
        if (target.Name == source)
        {
            return Refuse($"job {name} already runs on {source}: name another node");
        }

        if (target.State is NodeState.Down or NodeState.Offline)
        {
            return Refuse($"node {target.Name} is {target.State.ToString().ToLowerInvariant()} and takes no work: choose a free node (pbsnodes -a)");
        }

        if (!worldAttached)
        {
            return (null, new ApiError(ApiErrorKind.Unavailable, "no execution world is attached: start one (omb up) and try again"));
        }

        return (new WorldOrder(WorldOrderKind.Migrate, job.Id, task.Index, Node: source, Reason: $"omb migrate by {caller.UserName}", Target: target.Name), null);
    }

    private static async Task<IResult> MigrateAsync(HttpContext http, CallerResolver callers, JobQueue queue, NodeTable nodes, WorldGateway gateway)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var request = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.MigrateRequest).ConfigureAwait(false);
        if (request?.Id is null || string.IsNullOrWhiteSpace(request.Target))
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "name a job and a node: omb migrate 42 node2"));
        }

        var state = queue.State;
        var (order, error) = Decide(request, caller, id => state.Jobs.GetValueOrDefault(id), nodes.Snapshot(state), gateway.Current is not null);
        if (error is not null)
        {
            return QueueEndpoints.Error(error);
        }

        if (!gateway.Send(order!))
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Unavailable, "the execution world went away: nothing was ordered; try again when it is back"));
        }

        return Results.Json(new JobActionResponse([new JobActionResult(request.Id, true, null, null)]), OmbJsonContext.Default.JobActionResponse);
    }
}
