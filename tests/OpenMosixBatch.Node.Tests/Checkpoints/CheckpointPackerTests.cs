using System.Diagnostics;
using System.Formats.Tar;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Checkpoints;
using OpenMosixBatch.Node.Files;

namespace OpenMosixBatch.Node.Tests.Checkpoints;

/// <summary>
/// What a hostile or merely unusual checkpoint directory does to the packer (issue 22, findings 4, 5 and 9): long
/// names and deep trees pack and come back; what cannot be packed, or is over the size limit, is refused with the
/// entry and the reason, before the archive holds it.
/// </summary>
public sealed class CheckpointPackerTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-packer-");

    // Through the node's own deletion: .NET's cannot name a file whose name is not UTF-8.
    public void Dispose() => DirectoryTree.Delete(_dir.FullName);

    [Fact]
    public void Pack_NameOf150Characters_RoundTrips()
    {
        var name = new string('a', 150);
        var source = Fill("src", (name, "long"), ("sub/" + new string('b', 200), "longer"));

        var archive = Archive("long.tar");
        var sha = CheckpointArchive.Pack(source, archive);
        CheckpointArchive.Unpack(archive, sha, Path.Combine(_dir.FullName, "out"));

        Assert.Equal("long", File.ReadAllText(Path.Combine(_dir.FullName, "out", name)));
        Assert.Equal("longer", File.ReadAllText(Path.Combine(_dir.FullName, "out", "sub", new string('b', 200))));
    }

    [Fact]
    public void Pack_SixtyNestedDirectories_RoundTrips()
    {
        var deep = string.Join('/', Enumerable.Range(0, 60).Select(i => $"level-{i:00}"));
        var source = Fill("src", (deep + "/state", "deep"));

        var archive = Archive("deep.tar");
        var sha = CheckpointArchive.Pack(source, archive);
        CheckpointArchive.Unpack(archive, sha, Path.Combine(_dir.FullName, "out"));

        Assert.Equal("deep", File.ReadAllText(Path.Combine(_dir.FullName, "out", deep, "state")));
    }

    [Fact]
    public void Pack_LongNames_AreTheSameBytesEveryTime()
    {
        // PAX headers would carry the writing process's id; the archive must hash the same on every node.
        var source = Fill("src", (new string('a', 150), "x"));

        Assert.Equal(CheckpointArchive.Pack(source, Archive("1.tar")), CheckpointArchive.Pack(source, Archive("2.tar")));
        using var reader = new TarReader(File.OpenRead(Archive("1.tar")));
        Assert.Equal(TarEntryFormat.Gnu, reader.GetNextEntry()!.Format);
    }

    [Fact]
    public void Pack_DeeperThanMaxDepth_IsRefusedNamingTheEntry()
    {
        var deep = string.Join('/', Enumerable.Repeat("d", CheckpointArchive.MaxDepth + 1));
        var source = Fill("src", (deep + "/f", "x"));

        var e = Assert.Throws<InvalidDataException>(() => CheckpointArchive.Pack(source, Archive("d.tar")));

        Assert.Contains($"more than the {CheckpointArchive.MaxDepth - 1} a checkpoint may nest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_SparseFileOverTheLimit_IsRefusedAtItsApparentSize_BeforeAnyOfItIsWritten()
    {
        var source = Fill("src", ("state", "1"));
        using (var sparse = File.Create(Path.Combine(source, "sparse")))
        {
            sparse.SetLength(1L << 30);
        }

        var archive = Archive("s.tar");
        var e = Assert.Throws<InvalidDataException>(() => CheckpointArchive.Pack(source, archive, maxBytes: 1L << 20));

        Assert.Contains("'sparse' (1073741824 bytes at its apparent size", e.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 1mb (" + CheckpointSizeLimit.Key + ")", e.Message, StringComparison.Ordinal);
        Assert.True(new FileInfo(archive).Length < 1L << 20, $"the archive holds {new FileInfo(archive).Length} bytes");
    }

    [Fact]
    public void Pack_ManyEmptyFilesWhoseHeadersCrossTheLimit_IsRefused()
    {
        var source = Fill("src", [.. Enumerable.Range(0, 3000).Select(i => ($"f{i}", ""))]);

        var e = Assert.Throws<InvalidDataException>(() => CheckpointArchive.Pack(source, Archive("m.tar"), maxBytes: 1L << 20));

        Assert.Contains(CheckpointSizeLimit.Key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_UnderTheLimit_Packs()
    {
        var source = Fill("src", ("state", new string('x', 500_000)));

        var sha = CheckpointArchive.Pack(source, Archive("u.tar"), maxBytes: 1L << 20);

        Assert.Matches("^[0-9a-f]{64}$", sha);
    }

    [Fact]
    public async Task Pack_NameThatIsNotUtf8_IsRefusedNamingIt()
    {
        var source = Fill("src", ("state", "1"));
        await NonUtf8FileAsync(Path.Combine(source, "sub"));

        var e = Assert.Throws<InvalidDataException>(() => CheckpointArchive.Pack(source, Archive("n.tar")));

        Assert.Contains(@"'sub/caf\xE9' has a name that is not UTF-8", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Creates <paramref name="directory"/> with a file named "caf" and the Latin-1 byte of "é" (0xE9).</summary>
    internal static async Task NonUtf8FileAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        using var p = Process.Start("/bin/sh", ["-c", "cd \"$1\" && printf x > \"$(printf 'caf\\351')\"", "sh", directory]);
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        Assert.Single(Directory.GetFiles(directory));
    }

    private string Archive(string name) => Path.Combine(_dir.FullName, name);

    private string Fill(string name, params (string Path, string Content)[] files) => CheckpointDirectories.Fill(_dir.FullName, name, files);
}
