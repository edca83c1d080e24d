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

    public Task<ScheduleDetailResponse> GetScheduleAsync(string name, string? user = null, CancellationToken ct = default) =>
        SendAsync<object, ScheduleDetailResponse>(HttpMethod.Get, SchedulePath(name, user), null, null, OmbJsonContext.Default.ScheduleDetailResponse, ct);

    public Task<ScheduleListResponse> DeleteScheduleAsync(string name, string? user = null, CancellationToken ct = default) =>
        SendAsync<object, ScheduleListResponse>(HttpMethod.Delete, SchedulePath(name, user), null, null, OmbJsonContext.Default.ScheduleListResponse, ct);

    public Task<ScheduleListResponse> PauseScheduleAsync(string name, string? user = null, CancellationToken ct = default) =>
        SendAsync<object, ScheduleListResponse>(HttpMethod.Post, SchedulePath(name, user, "/pause"), null, null, OmbJsonContext.Default.ScheduleListResponse, ct);

    public Task<ScheduleListResponse> ResumeScheduleAsync(string name, string? user = null, CancellationToken ct = default) =>
        SendAsync<object, ScheduleListResponse>(HttpMethod.Post, SchedulePath(name, user, "/resume"), null, null, OmbJsonContext.Default.ScheduleListResponse, ct);

    public Task<ScheduleRunResponse> RunScheduleAsync(string name, string? user = null, CancellationToken ct = default) =>
        SendAsync<object, ScheduleRunResponse>(HttpMethod.Post, SchedulePath(name, user, "/run"), null, null, OmbJsonContext.Default.ScheduleRunResponse, ct);

    /// <summary>The schedule's path; <paramref name="user"/> names its owner (an administrator's <c>-u USER</c>), since names are per owner.</summary>
    private static string SchedulePath(string name, string? user, string verb = "") =>
        "v1/schedules/" + Uri.EscapeDataString(name) + verb + (user is null ? "" : "?user=" + Uri.EscapeDataString(user));
}
