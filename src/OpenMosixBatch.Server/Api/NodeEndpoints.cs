using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Membership;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Tunables;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Api;

/// <summary>pbsnodes: GET /v1/nodes for everyone, POST /v1/nodes/actions (-o / -c) for administrators.</summary>
public static class NodeEndpoints
{
    public static void MapNodeApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/v1/nodes", List);
        app.MapPost("/v1/nodes/actions", ActAsync);
    }

    private static IResult List(HttpContext http, CallerResolver callers, NodeTable nodes, JobQueue queue) =>
        callers.Resolve(http) is null
            ? QueueEndpoints.Unidentified()
            : Results.Json(new NodeListResponse(nodes.Views(queue.State)), OmbJsonContext.Default.NodeListResponse);

    private static async Task<IResult> ActAsync(HttpContext http, CallerResolver callers, NodeTable nodes, JobQueue queue, WorldGateway gateway, TuneBroadcaster tune,
        MembershipService membership)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        if (!caller.IsAdministrator)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, $"only administrators may change node states; {caller.UserName} is not one (see AdministratorUids in conf/omb.json)"));
        }

        var request = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.NodeActionRequest).ConfigureAwait(false);
        if (request?.Nodes is null || request.Nodes.Count == 0 || request.Nodes.Any(string.IsNullOrEmpty))
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "no node named: give at least one, e.g. pbsnodes -o node1"));
        }

        var known = nodes.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        if (request.Nodes.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, $"unknown node '{InputText.Quote(unknown)}': known nodes are {string.Join(", ", known.Order(StringComparer.Ordinal))} (see pbsnodes -a)"));
        }

        try
        {
            if (request.Action == NodeAction.Offline)
            {
                var comment = string.IsNullOrWhiteSpace(request.Comment) ? $"offline by {caller.UserName}" : request.Comment.Trim();
                foreach (var n in request.Nodes)
                {
                    // A node cut off stays marked so (left out of the worlds) and is held there: it does not rejoin by itself.
                    nodes.Admin.Update(n, current => current?.Source == OfflineSource.Unreachable
                        ? current with { Held = true }
                        : new NodeOffline(comment, OfflineSource.Administrator));
                }
            }
            else
            {
                // A node that is down (cut off, or refused when it joined) comes back only through its health check:
                // its mark stays until the check passes there, then the world is relaunched with it.
                var down = request.Nodes.Where(n => nodes.Membership.Find(n)?.State.Phase is MembershipPhase.Cut or MembershipPhase.Refused).ToHashSet(StringComparer.Ordinal);
                nodes.Admin.Clear(request.Nodes.Where(n => !down.Contains(n)));
                foreach (var n in down)
                {
                    nodes.Admin.Update(n, current => current?.Source == OfflineSource.Unreachable ? current with { Held = false } : null);
                    await membership.RequestAsync(n, MembershipEvent.Of(MembershipEventKind.ClearRequested)).ConfigureAwait(false);
                }
            }
        }
        catch (IOException e)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Unavailable, $"could not store the node state ({e.Message}): nothing changed; check disk space in OMB_HOME"));
        }

        gateway.Signal();

        // An offline node's migratable tasks are expelled by the world's planner; a cleared one draws work again.
        tune.Send();
        var names = request.Nodes.ToHashSet(StringComparer.Ordinal);
        return Results.Json(new NodeActionResponse([.. nodes.Views(queue.State).Where(v => names.Contains(v.Node.Name))]), OmbJsonContext.Default.NodeActionResponse);
    }
}
