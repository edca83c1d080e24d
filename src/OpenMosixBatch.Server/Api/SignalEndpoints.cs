using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Api;

/// <summary>POST /v1/jobs/signal (qsig): the signal is stored as the job's event first, then sent to the tasks' nodes.</summary>
public static class SignalEndpoints
{
    public static void MapSignalApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/jobs/signal", SignalAsync);
    }

    private static async Task<IResult> SignalAsync(HttpContext http, CallerResolver callers, JobQueue queue, WorldGateway gateway)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var request = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.JobSignalRequest).ConfigureAwait(false);
        if (request?.Ids is null || request.Ids.Count == 0)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "no job ids given: name at least one, e.g. qsig -s TERM 42"));
        }

        var signal = SignalParser.Parse(request.Signal);
        if (!signal.Ok)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, signal.Error!));
        }

        return await QueueEndpoints.RunThenSendAsync(queue, gateway, new SignalCommand(signal.Value!, request.Ids, caller), c => c.Orders).ConfigureAwait(false);
    }
}
