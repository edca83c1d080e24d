using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

// The rest of the PBS toolbox: qselect, qsig, qrerun, qmove, tracejob, qalter.
public sealed partial class OmbApiClient
{
    public Task<JobSelectResponse> SelectJobsAsync(JobSelectRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/jobs/select", request, OmbJsonContext.Default.JobSelectRequest, OmbJsonContext.Default.JobSelectResponse, ct);

    public Task<JobActionResponse> SignalJobsAsync(JobSignalRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/jobs/signal", request, OmbJsonContext.Default.JobSignalRequest, OmbJsonContext.Default.JobActionResponse, ct);

    public Task<JobActionResponse> AlterJobsAsync(JobAlterRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/jobs/alter", request, OmbJsonContext.Default.JobAlterRequest, OmbJsonContext.Default.JobActionResponse, ct);

    /// <summary>omb report: usage of the jobs that ended in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public Task<UsageReportResponse> ReportAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct = default) =>
        SendAsync<object, UsageReportResponse>(HttpMethod.Get, "v1/accounting/report?start=" + Uri.EscapeDataString(start.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            + "&end=" + Uri.EscapeDataString(end.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), null, null, OmbJsonContext.Default.UsageReportResponse, ct);

    /// <summary>tracejob: the job's stored history, the last <paramref name="days"/> days of it when given.</summary>
    public Task<JobEventsResponse> TraceJobAsync(string id, int? days, CancellationToken ct = default) =>
        SendAsync<object, JobEventsResponse>(HttpMethod.Get, "v1/jobs/" + Uri.EscapeDataString(id) + "/events"
            + (days is { } d ? "?days=" + d.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""), null, null, OmbJsonContext.Default.JobEventsResponse, ct);
}
