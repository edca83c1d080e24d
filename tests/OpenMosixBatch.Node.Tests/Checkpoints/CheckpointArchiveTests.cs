using System.Formats.Tar;
using OpenMosixBatch.Node.Checkpoints;

namespace OpenMosixBatch.Node.Tests.Checkpoints;

public sealed class CheckpointArchiveTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-archive-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Pack_SameContentWrittenDifferently_GivesTheSameBytesAndHash()
    {
        var a = Fill("a", ("state", "1 2 3"), ("sub/data.bin", "xyz"), ("b", ""));
        var b = Fill("b", ("sub/data.bin", "xyz"), ("b", ""), ("state", "1 2 3"));
        File.SetLastWriteTimeUtc(Path.Combine(b, "state"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var shaA = CheckpointArchive.Pack(a, Path.Combine(_dir.FullName, "a.tar"));
        var shaB = CheckpointArchive.Pack(b, Path.Combine(_dir.FullName, "b.tar"));

        Assert.Equal(shaA, shaB);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir.FullName, "a.tar")), File.ReadAllBytes(Path.Combine(_dir.FullName, "b.tar")));
        Assert.Matches("^[0-9a-f]{64}$", shaA);
    }

    [Fact]
    public void Pack_DifferentContent_GivesADifferentHash()
    {
        var a = Fill("a", ("state", "1"));
        var b = Fill("b", ("state", "2"));

        Assert.NotEqual(CheckpointArchive.Pack(a, Path.Combine(_dir.FullName, "a.tar")), CheckpointArchive.Pack(b, Path.Combine(_dir.FullName, "b.tar")));
    }

    [Fact]
    public void Unpack_PackedDirectory_RestoresFilesDirectoriesAndExecutableBit()
    {
        var source = Fill("src", ("state", "42"), ("deep/er/file", "content"), ("run.sh", "#!/bin/sh\n"));
        Directory.CreateDirectory(Path.Combine(source, "empty"));
        File.SetUnixFileMode(Path.Combine(source, "run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var archive = Path.Combine(_dir.FullName, "c.tar");
        var sha = CheckpointArchive.Pack(source, archive);
        var target = Path.Combine(_dir.FullName, "restored");

        CheckpointArchive.Unpack(archive, sha, target);

        Assert.Equal("42", File.ReadAllText(Path.Combine(target, "state")));
        Assert.Equal("content", File.ReadAllText(Path.Combine(target, "deep/er/file")));
        Assert.True(Directory.Exists(Path.Combine(target, "empty")));
        Assert.True(File.GetUnixFileMode(Path.Combine(target, "run.sh")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void Unpack_EmptyDirectory_RoundTrips()
    {
        var source = Fill("none");
        var archive = Path.Combine(_dir.FullName, "e.tar");
        var sha = CheckpointArchive.Pack(source, archive);

        CheckpointArchive.Unpack(archive, sha, Path.Combine(_dir.FullName, "out"));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dir.FullName, "out")));
    }

    [Fact]
    public void Unpack_FlippedByte_ThrowsCorruptAndWritesNothing()
    {
        var source = Fill("src", ("state", "42"));
        var archive = Path.Combine(_dir.FullName, "f.tar");
        var sha = CheckpointArchive.Pack(source, archive);
        var bytes = File.ReadAllBytes(archive);
        bytes[600] ^= 0x01;
        File.WriteAllBytes(archive, bytes);
        var target = Path.Combine(_dir.FullName, "out");

        var e = Assert.Throws<CheckpointCorruptException>(() => CheckpointArchive.Unpack(archive, sha, target));

        Assert.Equal(sha, e.Expected);
        Assert.NotEqual(sha, e.Actual);
        Assert.False(Directory.Exists(target));
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/../../evil")]
    [InlineData("/tmp/evil")]
    public void Unpack_EntryOutsideTheDirectory_IsRefused(string name)
    {
        var archive = Craft(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream([1]) });
        var target = Path.Combine(_dir.FullName, "out");

        var e = Assert.Throws<InvalidDataException>(() => CheckpointArchive.Unpack(archive, CheckpointArchive.HashFile(archive), target));

        Assert.Contains("outside the checkpoint directory", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "evil")));
    }

    [Fact]
    public void Unpack_SymbolicLinkEntry_IsRefused()
    {
        var archive = Craft(new UstarTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc/passwd" });

        var e = Assert.Throws<InvalidDataException>(() => CheckpointArchive.Unpack(archive, CheckpointArchive.HashFile(archive), Path.Combine(_dir.FullName, "out")));

        Assert.Contains("SymbolicLink", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_SymbolicLinkInTheDirectory_IsRefused()
    {
        var source = Fill("src", ("state", "1"));
        File.CreateSymbolicLink(Path.Combine(source, "link"), "/etc/passwd");

        Assert.Throws<InvalidDataException>(() => CheckpointArchive.Pack(source, Path.Combine(_dir.FullName, "s.tar")));
    }

    private string Fill(string name, params (string Path, string Content)[] files)
    {
        var root = Path.Combine(_dir.FullName, name);
        Directory.CreateDirectory(root);
        foreach (var (path, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllText(Path.Combine(root, path), content);
        }

        return root;
    }

    private string Craft(TarEntry entry)
    {
        var path = Path.Combine(_dir.FullName, Guid.NewGuid().ToString("N") + ".tar");
        using (var file = File.Create(path))
        using (var tar = new TarWriter(file, TarEntryFormat.Ustar))
        {
            tar.WriteEntry(entry);
        }

        return path;
    }
}
