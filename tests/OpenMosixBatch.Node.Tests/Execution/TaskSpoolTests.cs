using OpenMosixBatch.Node.Execution;

namespace OpenMosixBatch.Node.Tests.Execution;

public sealed class TaskSpoolTests : IDisposable
{
    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-spool-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void CreateRoot_MakesTheSpoolAndTheNodesDirectoryTraversableButNotListable()
    {
        var spool = Path.Combine(_dir.FullName, "spool");
        var tasks = new TaskSpool(Path.Combine(spool, "node1"));

        tasks.CreateRoot(spool);

        Assert.Equal(Traversable, File.GetUnixFileMode(spool));
        Assert.Equal(Traversable, File.GetUnixFileMode(tasks.Root));
    }

    [Fact]
    public void CreateRoot_ReopensASpoolClosedByChmodGoRwx_SoUsersTasksReachTheirDirectories()
    {
        var spool = Path.Combine(_dir.FullName, "spool");
        var tasks = new TaskSpool(Path.Combine(spool, "node1"));
        Directory.CreateDirectory(tasks.Root);
        var closed = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        File.SetUnixFileMode(tasks.Root, closed);
        File.SetUnixFileMode(spool, closed);

        tasks.CreateRoot(spool);

        Assert.Equal(Traversable, File.GetUnixFileMode(spool));
        Assert.Equal(Traversable, File.GetUnixFileMode(tasks.Root));
    }
}
