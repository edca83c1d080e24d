namespace OpenMosixBatch.Server.Api;

/// <summary>What a qstat listing depends on besides the queue: whose jobs the caller may see, and the query.</summary>
/// <param name="VisibleUid">The caller's uid, or null for an administrator (who sees every job).</param>
public readonly record struct ListingKey(uint? VisibleUid, string? User, bool Finished, bool Tasks);
