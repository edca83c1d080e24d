using System.Net.Http.Json;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

/// <summary>The checkpoint and tunables calls: rank 0 ships and fetches checkpoints, <c>omb tune</c> reads and sets tunables.</summary>
public sealed partial class OmbApiClient
{
    /// <summary>Uploads a packed checkpoint; returns once the server has committed it (durably, hash checked).</summary>
    public async Task<CheckpointRef> PutCheckpointAsync(long jobId, int taskIndex, Stream packed, string sha256, CancellationToken ct = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Put, CheckpointHttp.PutPath(jobId, taskIndex))
        {
            Content = new StreamContent(packed),
        };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        message.Headers.Add(CheckpointHttp.Sha256Header, sha256);
        using var response = await SendRawAsync(message, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync(OmbJsonContext.Default.CheckpointRef, ct).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Downloads committed checkpoint <paramref name="generation"/> into <paramref name="destination"/> and returns the
    /// hash the server sent; the caller checks the bytes against it before restoring.
    /// </summary>
    public async Task<string> GetCheckpointAsync(long jobId, int taskIndex, int generation, Stream destination, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var message = new HttpRequestMessage(HttpMethod.Get, CheckpointHttp.GetPath(jobId, taskIndex, generation));
        using var response = await SendRawAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var sha = response.Headers.TryGetValues(CheckpointHttp.Sha256Header, out var values) ? values.FirstOrDefault() : null;
        await response.Content.CopyToAsync(destination, ct).ConfigureAwait(false);
        return sha ?? throw new ApiException(new ApiError(ApiErrorKind.Unavailable, $"the server sent checkpoint {generation} of {jobId}[{taskIndex}] without its hash"));
    }

    /// <summary>Orders a running, checkpointing task moved to another node (<c>omb migrate</c>).</summary>
    public Task<JobActionResponse> MigrateAsync(MigrateRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/jobs/migrate", request, OmbJsonContext.Default.MigrateRequest, OmbJsonContext.Default.JobActionResponse, ct);

    /// <summary>Writes a backup of the job database now (<c>omb backup</c>, administrators).</summary>
    public Task<BackupResponse> BackupAsync(CancellationToken ct = default) =>
        SendAsync<object, BackupResponse>(HttpMethod.Post, "v1/backup", null, null, OmbJsonContext.Default.BackupResponse, ct);

    public Task<TunablesView> GetTunablesAsync(CancellationToken ct = default) =>
        SendAsync<object, TunablesView>(HttpMethod.Get, "v1/tunables", null, null, OmbJsonContext.Default.TunablesView, ct);

    /// <summary>Sets the 14 overheads (<c>omb tune set</c>).</summary>
    public Task<TunablesView> SetOverheadsAsync(TunablesSetRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, "v1/tunables/overheads", request, OmbJsonContext.Default.TunablesSetRequest, OmbJsonContext.Default.TunablesView, ct);

    /// <summary>Sets the 6 oMFS costs (<c>omb tune mfs set</c>).</summary>
    public Task<TunablesView> SetMfsCostsAsync(TunablesSetRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, "v1/tunables/mfscosts", request, OmbJsonContext.Default.TunablesSetRequest, OmbJsonContext.Default.TunablesView, ct);

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage message, HttpCompletionOption completion, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await Http.SendAsync(message, completion, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new ApiException(await ReadErrorAsync(response, ct).ConfigureAwait(false));
        }
    }
}
