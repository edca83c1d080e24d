namespace OpenMosixBatch.Server.Parts;

/// <summary>A stream of bytes read by offset, whose bytes before the last offset asked for are dropped.</summary>
internal sealed class OutputBuffer
{
    private const int ChunkLimit = 1024 * 1024;
    private readonly List<byte> _bytes = [];
    private long _start;

    /// <summary>The offset after the last byte appended.</summary>
    public long End => _start + _bytes.Count;

    public void Append(byte[]? bytes)
    {
        if (bytes is { Length: > 0 })
        {
            _bytes.AddRange(bytes);
        }
    }

    /// <summary>The bytes from <paramref name="offset"/> on (at most 1 MiB); the ones before it are dropped.</summary>
    public byte[] ReadFrom(long offset)
    {
        var drop = (int)Math.Clamp(offset - _start, 0, _bytes.Count);
        _bytes.RemoveRange(0, drop);
        _start += drop;
        var skip = (int)Math.Clamp(offset - _start, 0, _bytes.Count);
        return [.. _bytes.Skip(skip).Take(ChunkLimit)];
    }
}
