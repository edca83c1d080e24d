using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Api.Client;

// The rest of the PBS toolbox: qselect, qsig, qrerun, qmove.
public sealed partial class OmbApiClient
{
    public Task<JobSelectResponse> SelectJobsAsync(JobSelectRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/jobs/select", request, OmbJsonContext.Default.JobSelectRequest, OmbJsonContext.Default.JobSelectResponse, ct);

    public Task<JobActionResponse> SignalJobsAsync(JobSignalRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/jobs/signal", request, OmbJsonContext.Default.JobSignalRequest, OmbJsonContext.Default.JobActionResponse, ct);
}
