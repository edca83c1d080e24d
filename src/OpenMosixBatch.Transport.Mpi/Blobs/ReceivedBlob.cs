namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>
/// A blob that arrived: the file it was written to, its length, and the SHA-256 (lower-case hex) the sender says it
/// has. The transfer does not hash the file: whoever uses it checks it against <see cref="Sha256"/> first, since bytes
/// can also go bad after they arrive. When <see cref="Complete"/> is false the transfer failed before every byte was
/// written (the sender or this rank gave up) and the file was deleted; <see cref="Sha256"/> is then empty.
/// </summary>
public sealed record ReceivedBlob(int Source, string Key, string Path, long Length, string Sha256, bool Complete);
