using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// POST /v1/jobs/batch: submit many jobs in one request, each as if submitted alone (one refused does not refuse the
/// others). The caller's identity comes from the socket, never from the body.
/// </summary>
/// <remarks>
/// For API clients that submit streams of jobs: the server decides every job of the request in one group and commits
/// them in one transaction, so a client pays one round trip and the server one commit for the lot.
/// </remarks>
public sealed record SubmitBatchRequest(IReadOnlyList<JobSpec> Specs);

/// <summary>
/// One result per job of the request, in its order, sent only after the accepted ones are durably stored.
/// </summary>
public sealed record SubmitBatchResponse(IReadOnlyList<SubmitBatchResult> Results);

/// <summary>A job's result in a batch: its id when stored, else why it was refused (nothing stored for it).</summary>
public sealed record SubmitBatchResult(SubmitResponse? Job, ApiError? Error);
