using OpenMosixBatch.Tests.Shared;
using OpenMosixBatch.Transport.Mpi.Serialization;

namespace OpenMosixBatch.Transport.Mpi.Tests.Serialization;

public sealed class JsonMpiSerializerTests
{
    private static readonly JsonMpiSerializer Serializer = JsonMpiSerializer.Default;

    public sealed record Sample(int Rank, string Name, double Load, long[] Values, Nested? Child);

    public sealed record Nested(bool Flag, string Text);

    private static Sample MakeSample(int rank) =>
        new(rank, $"rank-{rank}", rank * 1.5, [1, 2, long.MaxValue], new Nested(true, "é ü 漢字 \"quoted\""));

    [Fact]
    public void Serialize_ThenDeserialize_RoundTripsRecord()
    {
        using var stream = new MemoryStream();
        Serializer.Serialize(stream, MakeSample(3));
        stream.Position = 0;

        var back = Serializer.Deserialize<Sample>(stream);

        Assert.Equal(MakeSample(3) with { Values = back.Values }, back);
        Assert.Equal([1, 2, long.MaxValue], back.Values);
    }

    [Fact]
    public void Deserialize_TwoValuesBackToBack_ReadsEachWithoutOverreading()
    {
        using var stream = new MemoryStream();
        Serializer.Serialize(stream, "first");
        Serializer.Serialize(stream, 42);
        stream.Position = 0;

        Assert.Equal("first", Serializer.Deserialize<string>(stream));
        Assert.Equal(42, Serializer.Deserialize<int>(stream));
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void Deserialize_NullValue_ReturnsNull()
    {
        var bytes = Serializer.ToBytes<Sample?>(null);

        Assert.Null(Serializer.FromBytes<Sample?>(bytes));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Deserialize_StreamReturningSmallPieces_ReassemblesValue(int piece)
    {
        var bytes = Serializer.ToBytes(MakeSample(1));
        using var stream = new TrickleStream(bytes, piece);

        Assert.Equal("rank-1", Serializer.Deserialize<Sample>(stream).Name);
    }

    [Fact]
    public void Deserialize_LargePayloadInChunks_RoundTripsEveryByte()
    {
        var bulk = string.Create(4 * 1024 * 1024, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });
        var bytes = Serializer.ToBytes(new Nested(false, bulk));
        using var stream = new TrickleStream(bytes, 64 * 1024 + 3);

        var back = Serializer.Deserialize<Nested>(stream);

        Assert.Equal(bulk, back.Text);
    }

    [Fact]
    public void ToBytes_ThenFromBytes_RoundTripsRecord()
    {
        var bytes = Serializer.ToBytes(MakeSample(2));

        var back = Serializer.FromBytes<Sample>(bytes);

        Assert.Equal("rank-2", back.Name);
        Assert.Equal(3.0, back.Load);
        Assert.Equal("é ü 漢字 \"quoted\"", back.Child?.Text);
    }

    [Fact]
    public void Deserialize_TruncatedStream_ThrowsEndOfStreamNamingTheFix()
    {
        var bytes = Serializer.ToBytes(MakeSample(0));
        using var stream = new MemoryStream(bytes, 0, bytes.Length - 5);

        var error = Assert.Throws<EndOfStreamException>(() => Serializer.Deserialize<Sample>(stream));

        Assert.Contains("same message type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NegativeLengthPrefix_ThrowsInvalidData()
    {
        using var stream = new MemoryStream([0xFF, 0xFF, 0xFF, 0xFF, 0x7B]);

        Assert.Throws<InvalidDataException>(() => Serializer.Deserialize<Sample>(stream));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 0 })]
    [InlineData(new byte[] { 9, 0, 0, 0, 0x7B, 0x7D })]
    public void FromBytes_PrefixDisagreesWithLength_ThrowsInvalidData(byte[] framed)
    {
        Assert.Throws<InvalidDataException>(() => Serializer.FromBytes<Sample>(framed));
    }
}
