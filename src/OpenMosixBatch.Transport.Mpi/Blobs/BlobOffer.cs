namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>A blob another rank starts to send: who, its key (what it is to the protocol above), and its length.</summary>
public sealed record BlobOffer(int Source, long TransferId, string Key, long Length);
