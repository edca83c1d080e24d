using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// POST /v1/jobs/alter (qalter): apply <see cref="Change"/> to each job; answered per id like qdel, after the change is
/// stored. A refused id is left exactly as it was.
/// </summary>
public sealed record JobAlterRequest(IReadOnlyList<string> Ids, JobAlteration Change);
