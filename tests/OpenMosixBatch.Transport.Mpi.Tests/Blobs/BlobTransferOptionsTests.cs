using OpenMosixBatch.Transport.Mpi.Blobs;

namespace OpenMosixBatch.Transport.Mpi.Tests.Blobs;

public sealed class BlobTransferOptionsTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(0L, 32)]
    [InlineData(1 * MiB, 32)]
    [InlineData(64 * MiB, 32)]
    [InlineData(64 * MiB + 1, 64)]
    [InlineData(256 * MiB, 64)]
    public void WindowFor_DefaultOptions_GivesBlobsAbove64MiBTheLargeWindow(long length, int window) =>
        Assert.Equal(window, new BlobTransferOptions().WindowFor(length));

    [Fact]
    public void WindowFor_LargeWindowSmallerThanTheWindow_KeepsTheWindow()
    {
        var options = new BlobTransferOptions { WindowChunks = 8, LargeWindowChunks = 4, LargeBlobBytes = 10 };

        Assert.Equal(8, options.WindowFor(11));
        Assert.Equal(8, options.MaxWindowChunks);
    }

    [Fact]
    public void Validate_NoLargeWindow_ThrowsNamingTheFix()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BlobTransferOptions { LargeWindowChunks = 0 }.Validate());

        Assert.Contains("e.g. 64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeLargeBlobSize_ThrowsNamingTheFix()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BlobTransferOptions { LargeBlobBytes = -1 }.Validate());

        Assert.Contains("e.g. 67108864", e.Message, StringComparison.Ordinal);
    }
}
