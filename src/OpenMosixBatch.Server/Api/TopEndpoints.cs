using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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

/// <summary>omb top's one request per frame: GET /v1/top (see <see cref="TopView"/>).</summary>
public static class TopEndpoints
{
    /// <summary>A terminal shows no more than this many running tasks; the rest would cost the server for nothing.</summary>
    public const int MaxTasks = 200;

    public const int MaxMigrations = 10;

    public static void MapTopApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/v1/top", Top);
    }

    private static IResult Top(HttpContext http, CallerResolver callers, JobQueue queue, NodeTable nodes, WorldGateway gateway, AdmissionSettings settings,
        ServerStartTime started, TimeProvider time)
    {
        if (callers.Resolve(http) is not { } caller)
        {
            return QueueEndpoints.Unidentified();
        }

        var state = queue.State;
        var server = StatusEndpoints.ServerStatusOf(state, nodes, gateway, settings, started, time);
        var active = state.Index.Active.Select(id => state.Jobs.GetValueOrDefault(id)).OfType<Job>().ToList();
        var migrating = active.Sum(j => j.Tasks.Count(t => t.State == JobState.Migrating));
        var visible = active.Where(caller.MayAccess).ToList();
        var running = visible
            .SelectMany(j => j.Tasks.Where(t => t.State.IsActive()).Select(t => new TopTask(j.Spec.IsArray ? JobIds.FormatTask(j.Id, t.Index) : j.DisplayId,
                j.Owner.UserName, t.Node?.ToString() ?? "", j.Spec.Resources.CpusPerChunk, j.Spec.Resources.MemoryBytesPerChunk, t.CpuTime, t.StartTime, t.State.Letter())))
            .OrderByDescending(t => t.Start ?? DateTimeOffset.MaxValue).Take(MaxTasks).ToList();
        var moves = visible
            .SelectMany(j => j.Tasks.Where(t => t.LastMigration is not null).Select(t => (Id: j.Spec.IsArray ? JobIds.FormatTask(j.Id, t.Index) : j.DisplayId, Move: t.LastMigration!)))
            .OrderByDescending(m => m.Move.Time).Take(MaxMigrations)
            .Select(m => new TopMigration(m.Id, m.Move.From, m.Move.To, m.Move.Cost, m.Move.Bytes, m.Move.Time)).ToList();
        return Results.Json(new TopView(server, nodes.Views(state), migrating, running, moves), OmbJsonContext.Default.TopView);
    }
}
