using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenMosixBatch.Transport.Mpi.Serialization;

/// <summary>
/// MPI.NET serializer on System.Text.Json, replacing MPI.NET's default BinaryFormatter (removed in .NET 10).
/// </summary>
/// <remarks>
/// Each value is framed as a 4-byte little-endian length followed by its UTF-8 JSON. The frame lets
/// <see cref="Deserialize{T}(Stream)"/> read exactly one value and never past it, whatever the stream
/// does: MPI.NET feeds large objects through a chunking stream (blocks of <c>Serialization.BufferSize</c>)
/// whose reads return fewer bytes than asked. Every rank must use the same serializer.
/// </remarks>
public sealed class JsonMpiSerializer : MPI.ISerializer
{
    /// <summary>Size of the length prefix in bytes.</summary>
    public const int PrefixLength = sizeof(int);

    /// <summary>
    /// Largest single read from the stream. MPI.NET's chunking stream (ActionStream) throws unless a read
    /// asks for exactly the array it is given, and BufferedStream passes reads at least as large as its
    /// buffer straight through (through a pooled, larger array); small reads always go through the buffer.
    /// So MPI.NET's <c>Serialization.BufferSize</c> must stay above this (its default is 16 MiB).
    /// </summary>
    public const int ReadPieceLength = 1024;

    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a serializer with the given options (made read-only on first use).</summary>
    public JsonMpiSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Web defaults (camelCase) with the reflection resolver, so any record round-trips.</summary>
    public static JsonMpiSerializer Default { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    });

    /// <inheritdoc />
    public void Serialize<T>(Stream stream, T value)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes(value));
    }

    /// <inheritdoc />
    public T Deserialize<T>(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var prefix = new byte[PrefixLength];
        ReadFully(stream, prefix, "length prefix");
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < 0)
        {
            throw new InvalidDataException(
                $"corrupt MPI payload: negative length prefix {length}: every rank must use {nameof(JsonMpiSerializer)}");
        }

        var body = new byte[length];
        ReadFully(stream, body, "body");
        return JsonSerializer.Deserialize<T>(body, _options)!;
    }

    /// <summary>The framed bytes of <paramref name="value"/> (prefix and JSON), as sent on the wire.</summary>
    public byte[] ToBytes<T>(T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, _options);
        var framed = new byte[PrefixLength + json.Length];
        BinaryPrimitives.WriteInt32LittleEndian(framed, json.Length);
        json.CopyTo(framed.AsSpan(PrefixLength));
        return framed;
    }

    /// <summary>Reads one value from framed bytes produced by <see cref="ToBytes{T}(T)"/>.</summary>
    public T FromBytes<T>(ReadOnlySpan<byte> framed)
    {
        if (framed.Length < PrefixLength)
        {
            throw new InvalidDataException(
                $"corrupt MPI payload: {framed.Length} bytes is shorter than the {PrefixLength}-byte length prefix: every rank must use {nameof(JsonMpiSerializer)}");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(framed);
        if (length < 0 || length > framed.Length - PrefixLength)
        {
            throw new InvalidDataException(
                $"corrupt MPI payload: length prefix {length} does not fit the {framed.Length - PrefixLength} bytes received: every rank must use {nameof(JsonMpiSerializer)}");
        }

        return JsonSerializer.Deserialize<T>(framed.Slice(PrefixLength, length), _options)!;
    }

    private static void ReadFully(Stream stream, byte[] buffer, string part)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, Math.Min(ReadPieceLength, buffer.Length - read));
            if (n == 0)
            {
                throw new EndOfStreamException(
                    $"truncated MPI payload: the stream ended after {read} of {buffer.Length} bytes of the {part}: check that sender and receiver use the same message type");
            }

            read += n;
        }
    }
}
