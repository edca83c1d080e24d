using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

/// <summary>The /v1/schedules calls of <c>omb cron</c>.</summary>
public sealed partial class OmbApiClient
{
    public Task<ScheduleAddResponse> AddScheduleAsync(ScheduleAddRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/schedules", request, OmbJsonContext.Default.ScheduleAddRequest, OmbJsonContext.Default.ScheduleAddResponse, ct);

    public Task<ScheduleAddResponse> ImportSchedulesAsync(ScheduleImportRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/schedules/import", request, OmbJsonContext.Default.ScheduleImportRequest, OmbJsonContext.Default.ScheduleAddResponse, ct);

    public Task<ScheduleListResponse> ListSchedulesAsync(CancellationToken ct = default) =>
        SendAsync<object, ScheduleListResponse>(HttpMethod.Get, "v1/schedules", null, null, OmbJsonContext.Default.ScheduleListResponse, ct);

    public Task<ScheduleDetailResponse> GetScheduleAsync(string name, CancellationToken ct = default) =>
        SendAsync<object, ScheduleDetailResponse>(HttpMethod.Get, SchedulePath(name), null, null, OmbJsonContext.Default.ScheduleDetailResponse, ct);

    public Task<ScheduleListResponse> DeleteScheduleAsync(string name, CancellationToken ct = default) =>
        SendAsync<object, ScheduleListResponse>(HttpMethod.Delete, SchedulePath(name), null, null, OmbJsonContext.Default.ScheduleListResponse, ct);

    public Task<ScheduleListResponse> PauseScheduleAsync(string name, CancellationToken ct = default) =>
        SendAsync<object, ScheduleListResponse>(HttpMethod.Post, SchedulePath(name) + "/pause", null, null, OmbJsonContext.Default.ScheduleListResponse, ct);

    public Task<ScheduleListResponse> ResumeScheduleAsync(string name, CancellationToken ct = default) =>
        SendAsync<object, ScheduleListResponse>(HttpMethod.Post, SchedulePath(name) + "/resume", null, null, OmbJsonContext.Default.ScheduleListResponse, ct);

    public Task<ScheduleRunResponse> RunScheduleAsync(string name, CancellationToken ct = default) =>
        SendAsync<object, ScheduleRunResponse>(HttpMethod.Post, SchedulePath(name) + "/run", null, null, OmbJsonContext.Default.ScheduleRunResponse, ct);

    private static string SchedulePath(string name) => "v1/schedules/" + Uri.EscapeDataString(name);
}
