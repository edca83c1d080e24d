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
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Api;

/// <summary>POST /v1/jobs/alter (qalter): the change is stored first, then a running job's new limits go to its nodes.</summary>
public static class AlterEndpoints
{
    public static void MapAlterApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/jobs/alter", AlterAsync);
    }

    private static async Task<IResult> AlterAsync(HttpContext http, CallerResolver callers, JobQueue queue, NodeTable nodes, WorldGateway gateway,
        IOptions<OmbServerOptions> options)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var request = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.JobAlterRequest).ConfigureAwait(false);
        if (request?.Ids is null || request.Ids.Count == 0 || request.Ids.Any(i => i is null))
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "no job ids given: name at least one, e.g. qalter -l walltime=01:00:00 42"));
        }

        if (request.Change is null || request.Change.ResourceLists.Any(l => l is null) || request.Change.Dependencies?.Any(d => d is null) == true)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "malformed change: send a JobAlterRequest JSON body (use the omb CLI)"));
        }

        var o = options.Value;
        var command = new AlterCommand(request.Change, request.Ids, caller, nodes.Nodes, SizeParser.Parse(o.DefaultMemoryPerChunk).Value, o.ToSubmissionLimits());
        return await QueueEndpoints.RunThenSendAsync(queue, gateway, command, c => c.Orders).ConfigureAwait(false);
    }
}
