using OpenMosixBatch.Core.Selection;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>POST /v1/jobs/select (qselect): the ids of the caller's visible jobs that match every filter.</summary>
public sealed record JobSelectRequest(JobSelection Selection);

/// <summary>The matching jobs' ids (<c>42</c>, <c>43[]</c>), in id order.</summary>
public sealed record JobSelectResponse(IReadOnlyList<string> Ids);
