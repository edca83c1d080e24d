namespace OpenMosixBatch.Core.Jobs;

/// <summary>The user a job belongs to, as the server learned it from the caller's socket credentials.</summary>
public sealed record JobOwner(uint Uid, uint Gid, string UserName);
