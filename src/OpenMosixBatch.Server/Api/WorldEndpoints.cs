using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Parts;
using OpenMosixBatch.Server.Queue;
using OpenMosixBatch.Server.Tunables;
using OpenMosixBatch.Server.World;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// The link rank 0 of a world keeps with the server: attach, a stream of orders (one JSON object a line), and
/// reports of loads and task events. Only the server's own user or an administrator may act as a world.
/// </summary>
public static class WorldEndpoints
{
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(5);
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static void MapWorldApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/world/attach", AttachAsync);
        app.MapGet("/v1/world/orders", OrdersAsync);
        app.MapPost("/v1/world/report", ReportAsync);
    }

    private static async Task<IResult> AttachAsync(HttpContext http, CallerResolver callers, JobQueue queue, WorldGateway gateway, TuneBroadcaster tune)
    {
        if (Refuse(http, callers) is { } refused)
        {
            return refused;
        }

        var request = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.WorldAttachRequest).ConfigureAwait(false);
        if (request is null || string.IsNullOrWhiteSpace(request.WorldId) || request.Nodes is null || request.Nodes.Count == 0 || request.Running is null
            || request.Nodes.Any(n => n?.Node is null) || request.Running.Any(r => r?.Node is null))
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "malformed attach: send a WorldAttachRequest with a world id and at least one node (run omb node under mpiexec)"));
        }

        try
        {
            var attached = await queue.EnqueueAsync(new WorldAttachCommand(request, gateway)).ConfigureAwait(false);

            // The planner needs the tunables and the offline nodes before its first tick: first on the new stream.
            tune.Send();
            return Results.Json(attached, OmbJsonContext.Default.WorldAttachResponse);
        }
        catch (QueueRefusalException e)
        {
            return QueueEndpoints.Error(e.Error);
        }
    }

    private static async Task OrdersAsync(HttpContext http, CallerResolver callers, WorldGateway gateway, TimeProvider time, string world)
    {
        if (Refuse(http, callers) is { } refused)
        {
            await refused.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        if (gateway.Current is not { } session || session.Id != world)
        {
            await QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, $"world {InputText.Quote(world)} is not attached: attach first")).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        http.Response.ContentType = "application/x-ndjson";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, gateway.Closing);
        var body = http.Response.Body;
        try
        {
            await body.FlushAsync(stop.Token).ConfigureAwait(false);
            var reader = session.Orders.Reader;
            while (true)
            {
                using var ping = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                ping.CancelAfter(PingInterval);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(ping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    await WriteAsync(body, new WorldOrder(WorldOrderKind.Ping), stop.Token).ConfigureAwait(false);
                    await body.FlushAsync(stop.Token).ConfigureAwait(false);
                    continue;
                }

                if (!more)
                {
                    return;
                }

                while (reader.TryRead(out var order))
                {
                    await WriteAsync(body, order, stop.Token).ConfigureAwait(false);
                }

                await body.FlushAsync(stop.Token).ConfigureAwait(false);
                session.Heard(time.GetUtcNow(), null);
            }
        }
        catch (OperationCanceledException)
        {
            // The world hung up or the server is stopping; orders not written stay lost with the session, and the
            // attach of the next world reconciles what they were for.
        }
    }

    private static async Task<IResult> ReportAsync(HttpContext http, CallerResolver callers, JobQueue queue, WorldGateway gateway, TimeProvider time,
        HealthCheckGuard health, BlackHoleGuard blackHoles, RemotePartBook parts)
    {
        if (Refuse(http, callers) is { } refused)
        {
            return refused;
        }

        var report = await QueueEndpoints.ReadAsync(http, OmbJsonContext.Default.WorldReport).ConfigureAwait(false);
        if (report?.WorldId is null || report.Events is null || report.Events.Any(e => e?.Node is null) || (report.Loads?.Any(l => l?.Node is null) ?? false)
            || (report.Silent?.Any(s => s?.Node is null) ?? false))
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, "malformed report: send a WorldReport (run omb node under mpiexec)"));
        }

        if (gateway.Current is not { } session || session.Id != report.WorldId)
        {
            return Results.Json(new WorldReportResponse(false), OmbJsonContext.Default.WorldReportResponse);
        }

        session.Heard(time.GetUtcNow(), report.Loads, report.Silent);
        if (report.Loads is { Count: > 0 })
        {
            health.Observe(report.Loads);
            gateway.Signal();
        }

        // The parts' output (omb rsh) goes to their clients alone; their ends to the queue too (resources_used). A terminal
        // whose relay this server never opened (it restarted while the session ran) gets one, for its reader to reattach.
        var jobs = queue.State.Jobs;
        parts.AdoptTerminals(report.Events, id => jobs.GetValueOrDefault(id) is { Spec.Interactive: true } j ? j.Owner.Uid : null);
        var events = report.Events.Where(e => !parts.Observe(e)).ToList();
        if (events.Count == 0)
        {
            return Results.Json(new WorldReportResponse(true), OmbJsonContext.Default.WorldReportResponse);
        }

        try
        {
            var command = new TaskEventsCommand(report.WorldId, events, gateway);
            var attached = await queue.EnqueueAsync(command).ConfigureAwait(false);
            foreach (var order in command.Orders)
            {
                gateway.Send(order);
            }

            blackHoles.Observe(command.Ends);

            return Results.Json(new WorldReportResponse(attached), OmbJsonContext.Default.WorldReportResponse);
        }
        catch (QueueRefusalException e)
        {
            return QueueEndpoints.Error(e.Error);
        }
    }

    internal static IResult? Refuse(HttpContext http, CallerResolver callers) =>
        callers.Resolve(http) is not { } caller ? QueueEndpoints.Unidentified()
        : caller.IsAdministrator || caller.Uid == ServerIdentity.EffectiveUid ? null
        : QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, $"{caller.UserName} may not act as an execution world: run omb node as the server's user or an administrator"));

    private static async Task WriteAsync(Stream body, WorldOrder order, CancellationToken ct)
    {
        await JsonSerializer.SerializeAsync(body, order, OmbJsonContext.Default.WorldOrder, ct).ConfigureAwait(false);
        await body.WriteAsync(NewLine, ct).ConfigureAwait(false);
    }
}
