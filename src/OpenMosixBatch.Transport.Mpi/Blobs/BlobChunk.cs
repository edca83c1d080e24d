namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>
/// A received chunk on its way through the stages of an <see cref="IncomingBlob"/>: its bytes stay borrowed from the
/// pump's receive buffer until the last stage is done with them, which then runs <c>finished</c> (release the buffer,
/// acknowledge the chunk) exactly once.
/// </summary>
internal sealed class BlobChunk(ReadOnlyMemory<byte> data, long offset, int stages, Action finished)
{
    private int _pending = stages;

    public ReadOnlyMemory<byte> Data { get; } = data;

    /// <summary>Where the chunk's first byte goes in the file.</summary>
    public long Offset { get; } = offset;

    /// <summary>One stage is done with the chunk.</summary>
    public void Done()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            finished();
        }
    }
}
