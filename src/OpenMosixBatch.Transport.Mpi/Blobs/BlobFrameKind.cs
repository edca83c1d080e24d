namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>The kinds of frame a blob transfer exchanges on its one tag.</summary>
public enum BlobFrameKind : byte
{
    /// <summary>Sender → receiver: a transfer starts (length and key).</summary>
    Begin = 1,

    /// <summary>Sender → receiver: the bytes at an offset.</summary>
    Data = 2,

    /// <summary>Sender → receiver: every byte was sent; carries the SHA-256 the file's user must find.</summary>
    End = 3,

    /// <summary>Receiver → sender: a data frame is written, freeing one slot of the sender's window.</summary>
    Ack = 4,

    /// <summary>Receiver → sender: the transfer is over; the flag says whether every byte is in the file.</summary>
    Done = 5,

    /// <summary>Sender → receiver: the sender gave up; the receiver deletes what it wrote. Carries the reason.</summary>
    Abort = 6,

    /// <summary>
    /// Receiver → sender: the receiver gave up (a chunk out of order, its disk failed) and deleted what it wrote. Carries
    /// the reason. A kind of its own, not Abort: transfer ids are numbered by each sender, so two ranks sending to each
    /// other can use the same id, and only the direction tells whose transfer a frame is about.
    /// </summary>
    Refuse = 7,
}
