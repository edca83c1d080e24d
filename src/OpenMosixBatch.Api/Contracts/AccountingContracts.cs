using OpenMosixBatch.Core.Accounting;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// GET /v1/accounting/report?start=ISO&amp;end=ISO (<c>omb report</c>): the usage of the jobs that ended in
/// [<see cref="Start"/>, <see cref="End"/>); <see cref="AllUsers"/> false when only the caller's own jobs were counted.
/// </summary>
public sealed record UsageReportResponse(DateTimeOffset Start, DateTimeOffset End, bool AllUsers, IReadOnlyList<UsageRow> Rows);
