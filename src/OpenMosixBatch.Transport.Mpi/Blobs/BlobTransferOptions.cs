namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>Chunking and flow control of a <see cref="BlobTransfer"/>.</summary>
public sealed class BlobTransferOptions
{
    /// <summary>
    /// Default chunk: 1 MiB, large enough that per-message costs vanish and small enough that a chunk is still in the CPU
    /// cache while it is written (measured on this machine kind, with the receiver then also hashing: 1 MiB beat 4 MiB).
    /// </summary>
    public const int DefaultChunkBytes = 1024 * 1024;

    /// <summary>
    /// Default number of unacknowledged chunks per transfer (so at most 32 MiB in flight per transfer). A chunk's
    /// acknowledgement comes back only after the receiver's pump has polled, received it and its writer has written it,
    /// 5-20 ms under load: with 8 chunks the sender waited for the window most of the time (256 MB at 0.15-0.25 of raw
    /// MPI), with 32 the receiver's writer has work queued (0.22-0.46; 64 gained nothing more).
    /// </summary>
    public const int DefaultWindowChunks = 32;

    /// <summary>Bytes of data per frame.</summary>
    public int ChunkBytes { get; init; } = DefaultChunkBytes;

    /// <summary>Chunks a sender may have sent but not yet seen acknowledged; bounds memory on both sides.</summary>
    public int WindowChunks { get; init; } = DefaultWindowChunks;

    /// <summary>Throws when a value is out of range, naming the fix.</summary>
    public void Validate()
    {
        if (ChunkBytes < 1 || ChunkBytes > 64 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkBytes), ChunkBytes, "chunk size must be 1 byte to 64 MiB, e.g. 1048576");
        }

        if (WindowChunks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(WindowChunks), WindowChunks, "window must be at least 1 chunk, e.g. 4");
        }
    }
}
