using OpenMosixBatch.Node.Files;

namespace OpenMosixBatch.Node.Tests.Files;

public sealed class DirectoryTreeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-tree-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Delete_TreeWithLinksToOutside_RemovesTheLinksAndLeavesTheirTargets()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_dir.FullName, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "keep"), "k");
        var tree = Directory.CreateDirectory(Path.Combine(_dir.FullName, "tree", "a", "b")).Parent!.Parent!.FullName;
        File.WriteAllText(Path.Combine(tree, "a", "b", "f"), "x");
        Directory.CreateSymbolicLink(Path.Combine(tree, "a", "dirlink"), outside);
        File.CreateSymbolicLink(Path.Combine(tree, "filelink"), Path.Combine(outside, "keep"));

        DirectoryTree.Delete(tree);

        Assert.False(Path.Exists(tree));
        Assert.Equal("k", File.ReadAllText(Path.Combine(outside, "keep")));
    }

    [Fact]
    public async Task Delete_TreeWithANameThatIsNotUtf8_RemovesItAll()
    {
        var tree = Path.Combine(_dir.FullName, "tree");
        await Checkpoints.CheckpointPackerTests.NonUtf8FileAsync(Path.Combine(tree, "sub"));

        DirectoryTree.Delete(tree);

        Assert.False(Path.Exists(tree));
    }

    [Fact]
    public async Task FileBytes_TreeWithANameThatIsNotUtf8_CountsIt()
    {
        var tree = Path.Combine(_dir.FullName, "tree");
        await Checkpoints.CheckpointPackerTests.NonUtf8FileAsync(tree);

        Assert.Equal(1, DirectoryTree.FileBytes(tree));
        DirectoryTree.Delete(tree);
    }

    [Fact]
    public void Delete_MissingPathOrParent_DoesNothing()
    {
        DirectoryTree.Delete(Path.Combine(_dir.FullName, "none"));
        DirectoryTree.Delete(Path.Combine(_dir.FullName, "none", "deeper"));

        Assert.Empty(_dir.EnumerateFileSystemInfos());
    }

    [Fact]
    public void FileBytes_CountsTheRegularFilesInside_NeverThroughALink()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_dir.FullName, "outside")).FullName;
        File.WriteAllBytes(Path.Combine(outside, "big"), new byte[10_000]);
        var tree = Directory.CreateDirectory(Path.Combine(_dir.FullName, "tree", "sub")).Parent!.FullName;
        File.WriteAllBytes(Path.Combine(tree, "a"), new byte[3]);
        File.WriteAllBytes(Path.Combine(tree, "sub", "b"), new byte[4]);
        Directory.CreateSymbolicLink(Path.Combine(tree, "dirlink"), outside);
        File.CreateSymbolicLink(Path.Combine(tree, "filelink"), Path.Combine(outside, "big"));

        Assert.Equal(7, DirectoryTree.FileBytes(tree));
    }

    [Fact]
    public void FileBytes_PathThatIsALink_IsZero()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_dir.FullName, "outside")).FullName;
        File.WriteAllBytes(Path.Combine(outside, "big"), new byte[10_000]);
        var link = Path.Combine(_dir.FullName, "checkpoint");
        Directory.CreateSymbolicLink(link, outside);

        Assert.Equal(0, DirectoryTree.FileBytes(link));
    }
}
