namespace OpenMosixBatch.Transport.Mpi.Tests.Blobs;

/// <summary>A read-only stream of <c>data</c> that serves its first <c>open</c> bytes at once and the rest only after <see cref="Open"/>, so a test can stop a sender between two chunks.</summary>
internal sealed class GatedStream(byte[] data, int open) : Stream
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Lets the rest of the bytes through.</summary>
    public void Open() => _gate.TrySetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= open)
        {
            await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var limit = _gate.Task.IsCompleted ? data.Length : open;
        var count = Math.Min(buffer.Length, limit - _position);
        data.AsSpan(_position, count).CopyTo(buffer.Span);
        _position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read it asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
