using Microsoft.Win32.SafeHandles;

namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>
/// One blob being received: every chunk is written to the file by a stage of its own, so the inbox reader only queues
/// it. A chunk is finished (its buffer released, its acknowledgement sent) once it is written, so the sender's window
/// bounds what this side holds. The bytes are not hashed here: whoever uses the file checks it against the sender's
/// SHA-256 before trusting it (a checkpoint is checked when it is unpacked, and by the server when it is stored), and a
/// hash here as well cost a second pass over every byte at about 1.3 GB/s, a third of what MPI moves.
/// </summary>
internal sealed class IncomingBlob
{
    private readonly SafeFileHandle _file;
    private readonly ChunkStage _writer;
    private volatile bool _abandoned;

    /// <param name="failed">Told, on the stage's thread, when writing fails; the rest of the blob is skipped.</param>
    public IncomingBlob(BlobOffer offer, string path, Action<Exception> failed)
    {
        Offer = offer;
        Path = path;

        // Created here, so a receiver that cannot create the file refuses before any byte arrives; its blocks are
        // reserved by the writer thread before its first write (FileReservation), so a full disk still fails the blob
        // at its start, and the frames behind this one are not held up meanwhile.
        _file = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _writer = new ChunkStage("blob-write", Write, failed, () => FileReservation.Reserve(_file, offer.Length));
    }

    /// <summary>
    /// Largest single write into the file. The kernel sizes a page-cache folio after the write that fills it, and a
    /// folio above 32 KiB (order 3) comes from high-order free memory, which on this machine kind (a VM whose host
    /// takes back free memory) faults in from the host on first touch: 256 MB in 1 MiB writes took 1.4-2.9 s of system
    /// time, in 32 KiB writes 0.10 s (dd, ext4 with large folios, kernel 6.18). The later reads of the file (hash check,
    /// unpack) still come from the page cache.
    /// </summary>
    public const int WriteBytes = 32 * 1024;

    /// <summary>Starts writing; call it once the blob is where its stage's failure is looked for (see the constructor's failed).</summary>
    public void Start() => _writer.Start();

    public BlobOffer Offer { get; }

    public string Path { get; }

    /// <summary>Bytes handed to the stages so far: where the next chunk must start.</summary>
    public long Accepted { get; private set; }

    private void Write(BlobChunk chunk)
    {
        for (var done = 0; done < chunk.Data.Length; done += WriteBytes)
        {
            RandomAccess.Write(_file, chunk.Data.Span.Slice(done, Math.Min(WriteBytes, chunk.Data.Length - done)), chunk.Offset + done);
        }
    }

    /// <summary>Whether a data frame at <paramref name="offset"/> of <paramref name="length"/> bytes is the next one and fits the offer.</summary>
    public bool Follows(long offset, int length) => offset == Accepted && Accepted + length <= Offer.Length;

    /// <summary>Queues the next chunk; <paramref name="finished"/> runs once it is written (or skipped).</summary>
    public void Add(ReadOnlyMemory<byte> data, Action finished)
    {
        var chunk = new BlobChunk(data, Accepted, 1, finished);
        Accepted += data.Length;
        _writer.Add(chunk);
    }

    /// <summary>The blob is abandoned: what is still queued is released without being written.</summary>
    public void Abandon()
    {
        _abandoned = true;
        _writer.Skip();
    }

    /// <summary>Whether every accepted chunk was written: not abandoned, the write never failed. Valid after <see cref="CompleteAsync"/>.</summary>
    public bool Intact => !_abandoned && _writer.Failure is null;

    /// <summary>No more chunks: waits for the writes and closes the file.</summary>
    public async Task CompleteAsync()
    {
        _writer.Complete();
        await _writer.Completion.ConfigureAwait(false);
        _file.Dispose();
    }
}
