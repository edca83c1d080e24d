using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Parts;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// <c>omb rsh</c> (PBS's <c>pbs_tmrsh</c>): POST /v1/parts starts a part of a running task on one of its nodes, through
/// the world (rank 0 routes it to the node's rank over MPI), never ssh; GET /v1/parts/{id} follows its output and end.
/// </summary>
public static class RemotePartEndpoints
{
    /// <summary>How long a follow request waits for news before it answers with none (the client asks again).</summary>
    private static readonly TimeSpan FollowWait = TimeSpan.FromSeconds(10);

    public static void MapRemotePartApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/parts", StartAsync);
        app.MapGet("/v1/parts/{id:long}", FollowAsync);
        app.MapPost("/v1/parts/{id:long}/input", InputAsync);
        app.MapPost("/v1/jobs/{id:long}/terminal", OpenTerminal);
    }

    private static async Task<IResult> StartAsync(HttpContext http, CallerResolver callers, JobQueue queue, WorldGateway gateway, JobCookies cookies,
        RemotePartBook parts)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var request = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.RemotePartRequest).ConfigureAwait(false);
        if (request is null || string.IsNullOrEmpty(request.Node) || request.Command is not { Count: > 0 } || request.Command.Any(w => w is null)
            || string.IsNullOrEmpty(request.WorkingDirectory) || request.Environment is null)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "malformed request: name a node and a command, e.g. omb rsh node2 hostname"));
        }

        var job = queue.State.Jobs.GetValueOrDefault(request.JobId);
        var matches = cookies.Matches(request.JobId, request.TaskIndex, request.Cookie);
        if (RemoteStartPolicy.Refusal(job, request.TaskIndex, caller.Uid, matches, request.Node) is { } refusal)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, refusal));
        }

        var id = parts.Open(request.JobId, request.TaskIndex, request.Node, caller.Uid);
        var part = new RemotePartOrder(id, string.Join(' ', request.Command), request.WorkingDirectory, request.Environment) { Stdin = request.Stdin };
        if (!gateway.Send(new WorldOrder(WorldOrderKind.StartPart, request.JobId, request.TaskIndex, job, Node: request.Node) { Part = part }))
        {
            parts.Fail(id, "no world is attached");
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Unavailable, "no execution world is attached to the server: wait for it (omb up) and try again"));
        }

        return Results.Json(new RemotePartStarted(id), OmbJsonContext.Default.RemotePartStarted);
    }

    /// <summary>
    /// qsub -I: the job's owner opens the relay of its terminal while it waits, so nothing the node relays once it
    /// starts is missed.
    /// </summary>
    /// <remarks>
    /// <c>stdout</c> is what a reader reattaching after a server restart read before: this server's relay goes on from
    /// there. A session that ended while its reader was away is found while its end waits to be read.
    /// </remarks>
    private static IResult OpenTerminal(HttpContext http, CallerResolver callers, JobQueue queue, RemotePartBook parts, long id, long? stdout)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var job = queue.State.Jobs.GetValueOrDefault(id);
        var part = job is not null && job.Owner.Uid == caller.Uid && job.Spec.Interactive
            ? parts.OpenTerminal(id, caller.Uid, stdout)
            : parts.FindTerminal(id, caller.Uid, stdout);
        if (part is null)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused,
                string.Create(CultureInfo.InvariantCulture, $"no interactive job {id} of yours: submit one with qsub -I")));
        }

        return Results.Json(new RemotePartStarted(part.Value), OmbJsonContext.Default.RemotePartStarted);
    }

    /// <summary>Stdin, its end, a signal or a terminal size for a part or a terminal, sent to its node like any order.</summary>
    private static async Task<IResult> InputAsync(HttpContext http, CallerResolver callers, JobQueue queue, WorldGateway gateway, RemotePartBook parts, long id)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var input = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.RemotePartInput).ConfigureAwait(false);
        if (input is null || input.Signal is < 0 or > 64 || input.Rows is < 0 or > ushort.MaxValue || input.Columns is < 0 or > ushort.MaxValue)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "malformed input: bytes, close, a signal 1-64 or a terminal size"));
        }

        if (parts.Find(id, caller.Uid) is not { } part)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, string.Create(CultureInfo.InvariantCulture, $"no running part {id} of yours")));
        }

        // A terminal runs on its task's first node, known once the task is dispatched.
        var node = part.Node is { Length: > 0 } named ? named
            : queue.State.Jobs.GetValueOrDefault(part.JobId)?.Tasks.FirstOrDefault(t => t.Index == part.TaskIndex)?.Node?.First;
        if (node is not null)
        {
            // How far the reader has read is the server's to say (FollowAsync), never the client's.
            gateway.Send(new WorldOrder(WorldOrderKind.PartInput, part.JobId, part.TaskIndex, Node: node)
            {
                Input = input with { PartId = id, StdoutRead = null, StderrRead = null },
            });
        }

        return Results.Json(new RemotePartStarted(id), OmbJsonContext.Default.RemotePartStarted);
    }

    /// <summary>
    /// The client's offsets are what it has read: when they moved far enough, the part's node is told, which opens its
    /// window for more (<see cref="Core.Execution.PartOutputWindow"/>).
    /// </summary>
    private static async Task<IResult> FollowAsync(HttpContext http, CallerResolver callers, RemotePartBook parts, WorldGateway gateway, long id, long? stdout,
        long? stderr)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var (stdoutFrom, stderrFrom) = (Math.Max(0, stdout ?? 0), Math.Max(0, stderr ?? 0));
        if (parts.Credit(id, caller.Uid, stdoutFrom, stderrFrom) is { } credit)
        {
            gateway.Send(credit);
        }

        try
        {
            var progress = await parts.ReadAsync(id, caller.Uid, stdoutFrom, stderrFrom, FollowWait, http.RequestAborted)
                .ConfigureAwait(false);
            return progress is null
                ? QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, string.Create(CultureInfo.InvariantCulture, $"no part {id} of yours: omb rsh follows only the part it started")))
                : Results.Json(progress, OmbJsonContext.Default.RemotePartProgress);
        }
        catch (OperationCanceledException)
        {
            return Results.Empty;
        }
    }
}
