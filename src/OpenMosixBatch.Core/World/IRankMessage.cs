namespace OpenMosixBatch.Core.World;

/// <summary>A message one rank received from another through its <see cref="IRankTransport"/>.</summary>
public interface IRankMessage
{
    /// <summary>The sender's rank.</summary>
    int Source { get; }

    /// <summary>The tag the sender used; the protocol maps it to the payload's type.</summary>
    int Tag { get; }

    /// <summary>The payload as sent (a framed serialised value, or the raw bytes of a blob frame).</summary>
    ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Deserialises the payload as <typeparamref name="T"/>.</summary>
    T Read<T>();

    /// <summary>Gives the payload's buffer back once the reader is done with it (the payload is empty afterwards).</summary>
    void Release();
}
