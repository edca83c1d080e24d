using OpenMosixBatch.Node.Checkpoints;

namespace OpenMosixBatch.Node.Tests.Checkpoints;

public sealed class CheckpointStoreTests : IDisposable
{
    private static readonly string ShaA = new('a', 64);
    private static readonly string ShaB = new('b', 64);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-store-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Commit_ThenFind_FindsByTaskAndHashOnly()
    {
        var store = new CheckpointStore(Path.Combine(_dir.FullName, "s"));
        var temporary = store.NewTemporary();
        File.WriteAllText(temporary, "x");

        var path = store.Commit(temporary, 7, 1, ShaA.ToUpperInvariant());

        Assert.Equal(path, store.Find(7, 1, ShaA));
        Assert.Null(store.Find(7, 1, ShaB));
        Assert.Null(store.Find(7, 2, ShaA));
        Assert.False(File.Exists(temporary));
    }

    [Fact]
    public void RemoveTask_KeepingOne_RemovesTheTasksOtherFilesOnly()
    {
        var store = new CheckpointStore(Path.Combine(_dir.FullName, "s"));
        foreach (var (job, index, sha) in new[] { (7L, 1, ShaA), (7L, 1, ShaB), (7L, 11, ShaA), (17L, 1, ShaA) })
        {
            var temporary = store.NewTemporary();
            File.WriteAllText(temporary, "x");
            store.Commit(temporary, job, index, sha);
        }

        store.RemoveTask(7, 1, keepSha256: ShaB);

        Assert.Null(store.Find(7, 1, ShaA));
        Assert.NotNull(store.Find(7, 1, ShaB));
        Assert.NotNull(store.Find(7, 11, ShaA));
        Assert.NotNull(store.Find(17, 1, ShaA));
        store.RemoveTask(7, 1);
        Assert.True(store.HoldsNothingOf(7, 1));
    }

    [Fact]
    public void Clear_RemovesEverything_AndToleratesAMissingRoot()
    {
        var store = new CheckpointStore(Path.Combine(_dir.FullName, "s"));
        store.Clear();
        File.WriteAllText(store.NewTemporary(), "x");

        store.Clear();

        Assert.False(Directory.Exists(store.Root));
    }
}
