using System.Globalization;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

// omb rsh and omb dsh: a part of a running task started on one of its nodes, and its output followed.
public sealed partial class OmbApiClient
{
    public Task<RemotePartStarted> StartPartAsync(RemotePartRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/parts", request, OmbJsonContext.Default.RemotePartRequest, OmbJsonContext.Default.RemotePartStarted, ct);

    /// <summary>Sends stdin bytes, its end, a signal or a terminal size to part <paramref name="id"/> (or an interactive job's terminal).</summary>
    public Task SendPartInputAsync(long id, RemotePartInput input, CancellationToken ct = default) =>
        SendAsync<RemotePartInput, RemotePartStarted>(HttpMethod.Post, string.Create(CultureInfo.InvariantCulture, $"v1/parts/{id}/input"), input,
            OmbJsonContext.Default.RemotePartInput, OmbJsonContext.Default.RemotePartStarted, ct);

    /// <summary>Opens the relay of interactive job <paramref name="jobId"/>'s terminal (qsub -I), before the job starts; its part id comes back.</summary>
    public Task<RemotePartStarted> OpenTerminalAsync(long jobId, CancellationToken ct = default) => OpenTerminalAsync(jobId, null, ct);

    /// <summary>
    /// Opens the relay again after the server was lost, <paramref name="stdoutRead"/> being what was read from it before: a
    /// restarted server relays from there.
    /// </summary>
    public Task<RemotePartStarted> OpenTerminalAsync(long jobId, long? stdoutRead, CancellationToken ct = default) =>
        SendAsync<object, RemotePartStarted>(HttpMethod.Post, string.Create(CultureInfo.InvariantCulture,
            $"v1/jobs/{jobId}/terminal{(stdoutRead is { } read ? $"?stdout={read}" : "")}"), null, null, OmbJsonContext.Default.RemotePartStarted, ct);

    /// <summary>What part <paramref name="id"/> printed after the offsets, and its end; waits a while for news.</summary>
    public Task<RemotePartProgress> FollowPartAsync(long id, long stdoutFrom, long stderrFrom, CancellationToken ct = default) =>
        SendAsync<object, RemotePartProgress>(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"v1/parts/{id}?stdout={stdoutFrom}&stderr={stderrFrom}"),
            null, null, OmbJsonContext.Default.RemotePartProgress, ct);
}
