namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>The kinds of frame a blob transfer exchanges on its one tag.</summary>
public enum BlobFrameKind : byte
{
    /// <summary>Sender → receiver: a transfer starts (length and key).</summary>
    Begin = 1,

    /// <summary>Sender → receiver: the bytes at an offset.</summary>
    Data = 2,

    /// <summary>Sender → receiver: every byte was sent; carries the SHA-256 the receiver must find.</summary>
    End = 3,

    /// <summary>Receiver → sender: a data frame is written, freeing one slot of the sender's window.</summary>
    Ack = 4,

    /// <summary>Receiver → sender: the file is complete; the flag says whether its hash matched.</summary>
    Done = 5,

    /// <summary>Either way: the transfer is abandoned (the receiver deletes what it wrote); carries the reason.</summary>
    Abort = 6,
}
