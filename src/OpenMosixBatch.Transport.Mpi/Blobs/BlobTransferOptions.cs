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

    /// <summary>
    /// Default window of a blob longer than <see cref="DefaultLargeBlobBytes"/>. An acknowledgement crosses six threads
    /// (writer, receiver's pump, sender's pump, inbox reader, the sending loop, its pump again), and on a loaded 2-core
    /// host each hand-over may wait for a CPU: at load 18, with 32 chunks a 256 MB blob's writer waited for chunks a
    /// median 116 ms of its 250-700 ms while the sender waited for acknowledgements, with 64 a median 61 ms (7 runs
    /// each of the bandwidth probe, interleaved; the blob's MB/s median 598 against 674).
    /// The C program has no such round trip: its receiver frees a buffer for the next MPI_Recv within one process.
    /// </summary>
    public const int DefaultLargeWindowChunks = 64;

    /// <summary>Default size above which a blob gets <see cref="DefaultLargeWindowChunks"/>: checkpoints up to it keep 32 MiB in flight.</summary>
    public const long DefaultLargeBlobBytes = 64L * 1024 * 1024;

    /// <summary>Bytes of data per frame.</summary>
    public int ChunkBytes { get; init; } = DefaultChunkBytes;

    /// <summary>Chunks a sender may have sent but not yet seen acknowledged; bounds memory on both sides.</summary>
    public int WindowChunks { get; init; } = DefaultWindowChunks;

    /// <summary>Chunks a sender may have unacknowledged for a blob longer than <see cref="LargeBlobBytes"/> (at least <see cref="WindowChunks"/>).</summary>
    public int LargeWindowChunks { get; init; } = DefaultLargeWindowChunks;

    /// <summary>Blobs longer than this get <see cref="LargeWindowChunks"/>.</summary>
    public long LargeBlobBytes { get; init; } = DefaultLargeBlobBytes;

    /// <summary>The window a blob of <paramref name="length"/> bytes is sent with.</summary>
    public int WindowFor(long length) => length > LargeBlobBytes ? MaxWindowChunks : WindowChunks;

    /// <summary>The largest window any blob is sent with: how many spare frames a sender keeps.</summary>
    public int MaxWindowChunks => Math.Max(WindowChunks, LargeWindowChunks);

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

        if (LargeWindowChunks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LargeWindowChunks), LargeWindowChunks, "large-blob window must be at least 1 chunk, e.g. 64");
        }

        if (LargeBlobBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LargeBlobBytes), LargeBlobBytes, "large-blob size must be 0 or more bytes, e.g. 67108864");
        }
    }
}
