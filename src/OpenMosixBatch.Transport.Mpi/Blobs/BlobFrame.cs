using System.Buffers.Binary;
using System.Text;

namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>
/// One frame of a blob transfer, in a fixed little-endian layout: kind (1 byte), transfer id (8 bytes), offset or
/// length (8 bytes), then the body (data, a UTF-8 key or reason, or a 32-byte SHA-256). Data frames are built in
/// place (<see cref="NewData"/>) so that a chunk is read from the file straight into the array MPI sends.
/// </summary>
public readonly record struct BlobFrame(BlobFrameKind Kind, long TransferId, long Value, ReadOnlyMemory<byte> Body)
{
    /// <summary>Bytes before the body.</summary>
    public const int HeaderLength = 1 + sizeof(long) + sizeof(long);

    /// <summary>Length of a SHA-256.</summary>
    public const int HashLength = 32;

    /// <summary>An array of a data frame's header and <paramref name="dataLength"/> bytes to fill from <see cref="HeaderLength"/> on.</summary>
    public static byte[] NewData(long transferId, long offset, int dataLength) =>
        WriteData(GC.AllocateUninitializedArray<byte>(HeaderLength + dataLength), transferId, offset);

    /// <summary>Turns a reused array of exactly <see cref="HeaderLength"/> + data length into a data frame's header.</summary>
    public static byte[] WriteData(byte[] frame, long transferId, long offset)
    {
        ArgumentNullException.ThrowIfNull(frame);
        WriteHeader(frame, BlobFrameKind.Data, transferId, offset);
        return frame;
    }

    /// <summary>Encodes a frame whose body is small (everything but data).</summary>
    public static byte[] Encode(BlobFrameKind kind, long transferId, long value, ReadOnlySpan<byte> body)
    {
        var frame = new byte[HeaderLength + body.Length];
        WriteHeader(frame, kind, transferId, value);
        body.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>Encodes a frame whose body is UTF-8 text (a key or a reason).</summary>
    public static byte[] Encode(BlobFrameKind kind, long transferId, long value, string text) =>
        Encode(kind, transferId, value, Encoding.UTF8.GetBytes(text));

    /// <summary>Decodes a frame; false for anything too short or of an unknown kind.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, out BlobFrame frame)
    {
        frame = default;
        var span = payload.Span;
        if (span.Length < HeaderLength || !Enum.IsDefined((BlobFrameKind)span[0]))
        {
            return false;
        }

        frame = new BlobFrame(
            (BlobFrameKind)span[0],
            BinaryPrimitives.ReadInt64LittleEndian(span[1..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[(1 + sizeof(long))..]),
            payload[HeaderLength..]);
        return true;
    }

    /// <summary>The body read as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    private static void WriteHeader(Span<byte> frame, BlobFrameKind kind, long transferId, long value)
    {
        frame[0] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(frame[1..], transferId);
        BinaryPrimitives.WriteInt64LittleEndian(frame[(1 + sizeof(long))..], value);
    }
}
