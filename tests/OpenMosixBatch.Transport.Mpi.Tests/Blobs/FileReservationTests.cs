using OpenMosixBatch.Transport.Mpi.Blobs;

namespace OpenMosixBatch.Transport.Mpi.Tests.Blobs;

/// <summary>A received blob's blocks are reserved up front without changing the file's length.</summary>
public sealed class FileReservationTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-reserve-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Reserve_KeepsTheLengthTheWritesMake()
    {
        var path = Path.Combine(_dir.FullName, "f");
        using (var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write))
        {
            FileReservation.Reserve(file, 4 << 20);
            RandomAccess.Write(file, new byte[100], 0);
        }

        // A file cut short (its sender gave up) must not look whole: its length is what was written, not what was offered.
        Assert.Equal(100, new FileInfo(path).Length);
    }

    [Fact]
    public void Reserve_MoreThanTheFileSystemHolds_ThrowsNamingTheFix()
    {
        using var file = File.OpenHandle(Path.Combine(_dir.FullName, "f"), FileMode.Create, FileAccess.Write);

        var e = Assert.Throws<IOException>(() => FileReservation.Reserve(file, 1L << 60));
        Assert.Contains("free space in the spool directory", e.Message, StringComparison.Ordinal);
    }
}
