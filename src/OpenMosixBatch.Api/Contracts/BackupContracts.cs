namespace OpenMosixBatch.Api.Contracts;

/// <summary>POST /v1/backup (administrators, <c>omb backup</c>): the consistent copy of the job database just written, and the copies kept.</summary>
public sealed record BackupResponse(string Path, long Bytes, IReadOnlyList<string> Kept);
