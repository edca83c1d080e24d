using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>GET /v1/jobs/{id}/events[?days=N] (tracejob): the job and its stored events, oldest first.</summary>
public sealed record JobEventsResponse(Job Job, IReadOnlyList<JobEvent> Events);
