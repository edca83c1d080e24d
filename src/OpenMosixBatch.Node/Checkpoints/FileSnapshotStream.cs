using Microsoft.Win32.SafeHandles;

namespace OpenMosixBatch.Node.Checkpoints;

/// <summary>
/// Exactly the first <see cref="Length"/> bytes of an open file, read by offset. A tar entry's header states its size
/// before its data: a file that a leftover process of the task grows while it is packed must not put more bytes in
/// the archive than its header says, and one that shrinks fails the pack instead of leaving a short entry.
/// </summary>
internal sealed class FileSnapshotStream(SafeFileHandle file, long length, string name) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length { get; } = length;

    public override long Position
    {
        get => _position;
        set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, Math.Max(0, Length - _position));
        if (wanted == 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(file, buffer[..wanted], _position);
        if (read == 0)
        {
            throw new InvalidDataException($"checkpoint entry '{name}' shrank while it was packed: a process of the task is still writing $OMB_CHECKPOINT_DIR");
        }

        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
