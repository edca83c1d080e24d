namespace OpenMosixBatch.Core.Security;

/// <summary>
/// What the server keeps of one user's token: the uid and gid it stands for (as SO_PEERCRED gave them when it was
/// issued), the SHA-256 of the token, and when it stops being accepted.
/// </summary>
public sealed record TokenRecord(uint Uid, uint Gid, byte[] Digest, DateTimeOffset Expires);
