using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Pump;

/// <summary>A message received by the pump: who sent it, its tag, and its payload (framed JSON, or raw bytes from <see cref="MpiPump{TReport}.SendBytes"/>).</summary>
public sealed class MpiMessage
{
    private readonly JsonMpiSerializer _serializer;

    internal MpiMessage(int source, int tag, ReadOnlyMemory<byte> payload, JsonMpiSerializer serializer)
    {
        Source = source;
        Tag = tag;
        Payload = payload;
        _serializer = serializer;
    }

    /// <summary>Rank of the sender.</summary>
    public int Source { get; }

    /// <summary>Tag the sender used; the protocol maps it to the payload's type.</summary>
    public int Tag { get; }

    /// <summary>The payload as sent: a length prefix and UTF-8 JSON, or the raw bytes of a <c>SendBytes</c>.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Deserializes the payload as <typeparamref name="T"/>.</summary>
    public T Read<T>() => _serializer.FromBytes<T>(Payload.Span);
}
