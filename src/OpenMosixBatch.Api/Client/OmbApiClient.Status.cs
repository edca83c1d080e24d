using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

/// <summary>The read-only views of the queues and the server: qstat -T, qstat -Q and qstat -B.</summary>
public sealed partial class OmbApiClient
{
    public Task<EstimateListResponse> ListEstimatesAsync(string? user, CancellationToken ct = default) =>
        SendAsync<object, EstimateListResponse>(HttpMethod.Get, string.IsNullOrEmpty(user) ? "v1/estimates" : "v1/estimates?user=" + Uri.EscapeDataString(user),
            null, null, OmbJsonContext.Default.EstimateListResponse, ct);

    public Task<QueueListResponse> ListQueuesAsync(CancellationToken ct = default) =>
        SendAsync<object, QueueListResponse>(HttpMethod.Get, "v1/queues", null, null, OmbJsonContext.Default.QueueListResponse, ct);

    /// <summary>One frame of omb top.</summary>
    public Task<TopView> GetTopAsync(CancellationToken ct = default) =>
        SendAsync<object, TopView>(HttpMethod.Get, "v1/top", null, null, OmbJsonContext.Default.TopView, ct);

    public Task<ServerStatus> GetServerStatusAsync(CancellationToken ct = default) =>
        SendAsync<object, ServerStatus>(HttpMethod.Get, "v1/server", null, null, OmbJsonContext.Default.ServerStatus, ct);
}
