using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>A message received by the pump: who sent it, its tag, and its payload (framed JSON, or raw bytes from <see cref="MpiPump{TReport}.SendBytes"/>).</summary>
public sealed class MpiMessage
{
    /// <summary>Payloads at least this long are received into arrays from the pump's <see cref="PayloadPool"/>.</summary>
    public const int PooledFrom = 64 * 1024;

    private readonly JsonMpiSerializer _serializer;
    private readonly PayloadPool? _pool;
    private byte[]? _pooled;

    /// <param name="pool">Where <paramref name="buffer"/> came from, to be given back on <see cref="Release"/>; null: not pooled.</param>
    internal MpiMessage(int source, int tag, byte[] buffer, int length, PayloadPool? pool, JsonMpiSerializer serializer)
    {
        Source = source;
        Tag = tag;
        Payload = buffer.AsMemory(0, length);
        _pool = pool;
        _pooled = pool is null ? null : buffer;
        _serializer = serializer;
    }

    /// <summary>Rank of the sender.</summary>
    public int Source { get; }

    /// <summary>Tag the sender used; the protocol maps it to the payload's type.</summary>
    public int Tag { get; }

    /// <summary>The payload as sent: a length prefix and UTF-8 JSON, or the raw bytes of a <c>SendBytes</c>.</summary>
    public ReadOnlyMemory<byte> Payload { get; private set; }

    /// <summary>Deserializes the payload as <typeparamref name="T"/>.</summary>
    public T Read<T>() => _serializer.FromBytes<T>(Payload.Span);

    /// <summary>
    /// Gives a large payload's array back to the pool once the reader is done with it (optional: an unreleased one
    /// is simply collected). The payload is empty afterwards.
    /// </summary>
    public void Release()
    {
        var pooled = Interlocked.Exchange(ref _pooled, null);
        Payload = ReadOnlyMemory<byte>.Empty;
        if (pooled is not null)
        {
            _pool!.Return(pooled);
        }
    }
}
