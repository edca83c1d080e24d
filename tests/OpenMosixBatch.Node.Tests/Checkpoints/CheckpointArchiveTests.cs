using System.Formats.Tar;
using System.Net.Sockets;
using OpenMosixBatch.Node.Checkpoints;
using OpenMosixBatch.Node.Execution;

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

    [Fact]
    public async Task Pack_FifoInTheDirectory_IsRefusedWithoutOpeningIt()
    {
        var source = Fill("src", ("state", "1"));
        await MakeFifoAsync(Path.Combine(source, "pipe"));

        // Opening a FIFO for reading blocks until a writer comes: a packer that opens it never returns.
        var pack = Task.Run(() => CheckpointArchive.Pack(source, Path.Combine(_dir.FullName, "p.tar")));
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => pack.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("'pipe' is a FIFO", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_SocketInTheDirectory_IsRefused()
    {
        var source = Fill("src", ("state", "1"));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(source, "sock")));

        var e = Assert.Throws<InvalidDataException>(() => CheckpointArchive.Pack(source, Path.Combine(_dir.FullName, "s.tar")));

        Assert.Contains("'sock' is a socket", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_DirectoryReplacedByALinkToAnotherDirectory_IsRefused_AndNothingOfTheTargetIsRead()
    {
        var elsewhere = Fill("elsewhere", ("secret", "not yours"));
        var source = Path.Combine(_dir.FullName, "checkpoint");
        Directory.CreateSymbolicLink(source, elsewhere);

        Assert.Throws<IOException>(() => CheckpointArchive.Pack(source, Path.Combine(_dir.FullName, "l.tar")));
    }

    [Fact]
    public void Pack_LinkedSubdirectory_IsRefusedAsALink()
    {
        var elsewhere = Fill("elsewhere", ("secret", "not yours"));
        var source = Fill("src", ("state", "1"));
        Directory.CreateSymbolicLink(Path.Combine(source, "sub"), elsewhere);

        var e = Assert.Throws<InvalidDataException>(() => CheckpointArchive.Pack(source, Path.Combine(_dir.FullName, "l.tar")));

        Assert.Contains("'sub' is a symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_WithAnOwner_RefusesAnEntryOfAnotherUid_AndPacksWhenAllAreTheOwners()
    {
        var source = Fill("src", ("state", "1"), ("sub/f", "2"));
        var mine = UserAccounts.EffectiveUid();

        CheckpointArchive.Pack(source, Path.Combine(_dir.FullName, "ok.tar"), owner: mine);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointArchive.Pack(source, Path.Combine(_dir.FullName, "no.tar"), owner: mine + 1));

        Assert.Contains("not to the task's user", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpack_LinkPlantedInTheTarget_IsNeverWrittenThrough()
    {
        var victim = Fill("victim", ("file", "untouched"));
        var source = Fill("src", ("file", "from the archive"), ("sub/f", "x"));
        var archive = Path.Combine(_dir.FullName, "v.tar");
        var sha = CheckpointArchive.Pack(source, archive);
        var fileLink = Path.Combine(_dir.FullName, "t1");
        Directory.CreateDirectory(fileLink);
        File.CreateSymbolicLink(Path.Combine(fileLink, "file"), Path.Combine(victim, "file"));
        var directoryLink = Path.Combine(_dir.FullName, "t2");
        Directory.CreateDirectory(directoryLink);
        Directory.CreateSymbolicLink(Path.Combine(directoryLink, "sub"), victim);

        Assert.Throws<InvalidDataException>(() => CheckpointArchive.Unpack(archive, sha, fileLink));
        Assert.Throws<InvalidDataException>(() => CheckpointArchive.Unpack(archive, sha, directoryLink));

        Assert.Equal("untouched", File.ReadAllText(Path.Combine(victim, "file")));
        Assert.False(File.Exists(Path.Combine(victim, "f")));
    }

    private static async Task MakeFifoAsync(string path)
    {
        using var p = System.Diagnostics.Process.Start("mkfifo", [path]);
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
    }

    private string Fill(string name, params (string Path, string Content)[] files) => CheckpointDirectories.Fill(_dir.FullName, name, files);

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
