using OpenMosixBatch.Transport.Mpi.Blobs;

namespace OpenMosixBatch.Transport.Mpi.Tests.Blobs;

public sealed class BlobFrameTests
{
    [Fact]
    public void Encode_ThenDecode_RoundTripsEveryField()
    {
        var bytes = BlobFrame.Encode(BlobFrameKind.Begin, 42, 1L << 40, "ckpt/7/0/abc");

        Assert.True(BlobFrame.TryDecode(bytes, out var frame));
        Assert.Equal(BlobFrameKind.Begin, frame.Kind);
        Assert.Equal(42, frame.TransferId);
        Assert.Equal(1L << 40, frame.Value);
        Assert.Equal("ckpt/7/0/abc", frame.BodyText);
    }

    [Fact]
    public void NewData_FilledInPlace_DecodesWithItsBody()
    {
        var frame = BlobFrame.NewData(3, 4096, 5);
        new byte[] { 1, 2, 3, 4, 5 }.CopyTo(frame, BlobFrame.HeaderLength);

        Assert.True(BlobFrame.TryDecode(frame, out var decoded));
        Assert.Equal(BlobFrameKind.Data, decoded.Kind);
        Assert.Equal(4096, decoded.Value);
        Assert.Equal([1, 2, 3, 4, 5], decoded.Body.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void TryDecode_TooShort_IsFalse(int length)
    {
        Assert.False(BlobFrame.TryDecode(new byte[length], out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(255)]
    public void TryDecode_UnknownKind_IsFalse(byte kind)
    {
        var bytes = new byte[BlobFrame.HeaderLength];
        bytes[0] = kind;

        Assert.False(BlobFrame.TryDecode(bytes, out _));
    }
}
