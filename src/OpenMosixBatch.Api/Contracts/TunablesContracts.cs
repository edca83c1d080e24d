namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// GET /v1/tunables: the openMosix tunables in force (DESIGN §6): the 14 overheads and the 6 oMFS costs in
/// microseconds, in file order, and whether the world migrates at all.
/// </summary>
public sealed record TunablesView(IReadOnlyList<int> Overheads, IReadOnlyList<int> MfsCosts, bool MigrationEnabled);

/// <summary>
/// PUT /v1/tunables/overheads or /v1/tunables/mfscosts (administrators): <see cref="Values"/> is the text as the
/// files hold it (whitespace or tabs between values). Refused as a whole, naming the wrong value, when it does not
/// parse; otherwise applied to the running world at once.
/// </summary>
public sealed record TunablesSetRequest(string Values);
