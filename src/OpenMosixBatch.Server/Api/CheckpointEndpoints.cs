using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Server.Checkpoints;
using OpenMosixBatch.Server.Identity;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// Rank 0 uploads and fetches packed checkpoints (<see cref="CheckpointHttp"/>): world endpoints like /v1/world/report.
/// Bodies stream through one buffer: a 256 MB checkpoint is never held in memory.
/// </summary>
public static class CheckpointEndpoints
{
    public static void MapCheckpointApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPut("/v1/world/checkpoints/{jobId:long}/{taskIndex:int}", PutAsync).WithMetadata(StreamedBody.Instance);
        app.MapGet("/v1/world/checkpoints/{jobId:long}/{taskIndex:int}/{generation:int}", GetAsync);
    }

    private static async Task<IResult> PutAsync(HttpContext http, CallerResolver callers, JobQueue queue, CheckpointStore store, CheckpointUploadLocks locks,
        TimeProvider time, long jobId, int taskIndex)
    {
        if (WorldEndpoints.Refuse(http, callers) is { } refused)
        {
            return refused;
        }

        // Kestrel's 30 MB default would cut a large checkpoint off; the body is streamed to disk, never buffered.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var sha = http.Request.Headers[CheckpointHttp.Sha256Header].ToString();
        if (!IsSha256(sha))
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, $"missing or malformed {CheckpointHttp.Sha256Header} header: send the SHA-256 of the body as 64 lower-case hex digits"));
        }

        using var held = await locks.TakeAsync(jobId, taskIndex, http.RequestAborted).ConfigureAwait(false);
        if (!queue.State.Jobs.TryGetValue(jobId, out var job) || CheckpointRules.NextGeneration(job, taskIndex) is not { } generation)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, $"task {jobId}[{taskIndex}] is not a running, checkpointing task: its checkpoint was not stored (it may have been deleted)"));
        }

        CheckpointWrite written;
        try
        {
            written = await store.WriteAsync(jobId, taskIndex, generation, http.Request.Body, sha, http.RequestAborted).ConfigureAwait(false);
        }
        catch (IOException e) when (!http.RequestAborted.IsCancellationRequested)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Unavailable, $"could not store checkpoint {generation} of {jobId}[{taskIndex}] ({e.Message}): nothing was stored; check disk space in OMB_HOME"));
        }

        if (!written.Ok)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.BadInput, written.Refusal!));
        }

        JobTask task;
        try
        {
            task = await queue.EnqueueAsync(new CheckpointCommitCommand(jobId, taskIndex, new TaskCheckpoint(generation, time.GetUtcNow(), written.Bytes, written.Sha256))).ConfigureAwait(false);
        }
        catch (QueueRefusalException e)
        {
            store.Prune(jobId, taskIndex, [.. queue.State.Jobs.GetValueOrDefault(jobId)?.Tasks.FirstOrDefault(t => t.Index == taskIndex)?.Checkpoints.Select(c => c.Generation) ?? []]);
            return QueueEndpoints.Error(e.Error);
        }

        store.Prune(jobId, taskIndex, [.. task.Checkpoints.Select(c => c.Generation)]);
        return Results.Json(new CheckpointRef(generation, written.Bytes, written.Sha256), OmbJsonContext.Default.CheckpointRef);
    }

    private static async Task<IResult> GetAsync(HttpContext http, CallerResolver callers, JobQueue queue, CheckpointStore store, long jobId, int taskIndex, int generation)
    {
        if (WorldEndpoints.Refuse(http, callers) is { } refused)
        {
            return refused;
        }

        var task = queue.State.Jobs.GetValueOrDefault(jobId)?.Tasks.FirstOrDefault(t => t.Index == taskIndex);
        var kept = task?.Checkpoints.FirstOrDefault(c => c.Generation == generation);
        if (task is null || kept is null || task.BadGenerations.Contains(generation))
        {
            var good = task?.LastCheckpoint is { } last ? $"; the newest good one is {last.Generation}" : "";
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, string.Create(CultureInfo.InvariantCulture,
                $"checkpoint generation {generation} of {jobId}[{taskIndex}] is not kept or is known bad{good}: restore the generation the Start order names")));
        }

        // Checked before serving: bytes that rotted on the server's disk must never reach a node.
        if (!await store.VerifyAsync(jobId, taskIndex, generation, kept.Sha256, http.RequestAborted).ConfigureAwait(false))
        {
            var why = string.Create(CultureInfo.InvariantCulture, $"checkpoint generation {generation} of {jobId}[{taskIndex}] failed its SHA-256 check on the server");
            var marked = await queue.EnqueueAsync(new CheckpointBadCommand(jobId, taskIndex, generation, why)).ConfigureAwait(false);
            var previous = marked?.Tasks.FirstOrDefault(t => t.Index == taskIndex)?.LastCheckpoint;
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, why + (previous is null ? "; no good generation is left" : string.Create(CultureInfo.InvariantCulture, $"; report the task lost so it restarts from generation {previous.Generation}"))));
        }

        if (store.OpenRead(jobId, taskIndex, generation) is not { } file)
        {
            return QueueEndpoints.Error(new ApiError(ApiErrorKind.Refused, $"checkpoint generation {generation} of {jobId}[{taskIndex}] is gone (its job finished)"));
        }

        http.Response.Headers[CheckpointHttp.Sha256Header] = kept.Sha256;
        http.Response.Headers[CheckpointHttp.GenerationHeader] = generation.ToString(CultureInfo.InvariantCulture);
        return Results.Stream(file, "application/x-tar");
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
