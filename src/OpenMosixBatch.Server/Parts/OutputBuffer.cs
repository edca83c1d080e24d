namespace OpenMosixBatch.Server.Parts;

/// <summary>
/// A stream of bytes read by offset, whose bytes before the last offset asked for are dropped, and which holds at most
/// <paramref name="bound"/> unread bytes: what comes while it is full is dropped and counted, not kept.
/// </summary>
internal sealed class OutputBuffer(int bound)
{
    private const int ChunkLimit = 1024 * 1024;
    private readonly List<byte> _bytes = [];
    private long _start;

    /// <summary>The offset after the last byte appended.</summary>
    public long End => _start + _bytes.Count;

    /// <summary>
    /// Numbers the bytes held from <paramref name="start"/> instead of 0, once, before any was read: a terminal's relay
    /// opened again on a restarted server goes on from where its reader stopped on the server before.
    /// </summary>
    public void Renumber(long start)
    {
        if (_start == 0)
        {
            _start = Math.Max(0, start);
        }
    }

    /// <summary>Appends what fits under the bound; returns how many bytes did not fit and were dropped.</summary>
    public int Append(byte[]? bytes) => Append(bytes, bounded: true);

    /// <summary>Appends <paramref name="bytes"/> whole, over the bound if need be (the server's own short notices).</summary>
    public void AppendWhole(byte[] bytes) => Append(bytes, bounded: false);

    /// <summary>The bytes from <paramref name="offset"/> on (at most 1 MiB); the ones before it are dropped.</summary>
    public byte[] ReadFrom(long offset)
    {
        var drop = (int)Math.Clamp(offset - _start, 0, _bytes.Count);
        _bytes.RemoveRange(0, drop);
        _start += drop;
        var skip = (int)Math.Clamp(offset - _start, 0, _bytes.Count);
        return [.. _bytes.Skip(skip).Take(ChunkLimit)];
    }

    private int Append(byte[]? bytes, bool bounded)
    {
        if (bytes is not { Length: > 0 })
        {
            return 0;
        }

        var take = bounded ? Math.Clamp(bound - _bytes.Count, 0, bytes.Length) : bytes.Length;
        _bytes.AddRange(take == bytes.Length ? bytes : bytes[..take]);
        return bytes.Length - take;
    }
}
