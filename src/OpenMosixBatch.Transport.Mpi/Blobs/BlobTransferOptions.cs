namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>Chunking and flow control of a <see cref="BlobTransfer"/>.</summary>
public sealed class BlobTransferOptions
{
    /// <summary>
    /// Default chunk: 1 MiB, large enough that per-message costs vanish and small enough that a chunk is still in the CPU
    /// cache while it is written (measured on this machine kind, with the receiver then also hashing: 1 MiB beat 4 MiB).
    /// </summary>
    public const int DefaultChunkBytes = 1024 * 1024;

    /// <summary>Default number of unacknowledged chunks per transfer (so at most 8 MiB in flight per transfer).</summary>
    public const int DefaultWindowChunks = 8;

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
