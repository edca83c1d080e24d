namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>
/// A blob that arrived: the file it was written to, its length and SHA-256 (lower-case hex) computed as it arrived.
/// When <see cref="Verified"/> is false the hash did not match the sender's and the file was deleted.
/// </summary>
public sealed record ReceivedBlob(int Source, string Key, string Path, long Length, string Sha256, bool Verified);
