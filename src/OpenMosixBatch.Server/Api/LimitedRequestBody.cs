using Microsoft.AspNetCore.Http;

namespace OpenMosixBatch.Server.Api;

/// <summary>
/// A request body that throws a 413 <see cref="BadHttpRequestException"/> once more than its limit has been read, so
/// an endpoint never holds more than the limit. Kestrel has the same check, but it leaves the connection unusable for
/// the answer; with this one <see cref="ProtocolErrors"/> reads the rest away and the client sees the refusal.
/// </summary>
internal sealed class LimitedRequestBody(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int n)
    {
        _read += n;
        return _read > limit ? throw new BadHttpRequestException("request body too large", StatusCodes.Status413PayloadTooLarge) : n;
    }
}
