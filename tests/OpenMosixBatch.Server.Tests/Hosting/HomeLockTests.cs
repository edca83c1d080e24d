using OpenMosixBatch.Server.Hosting;

namespace OpenMosixBatch.Server.Tests.Hosting;

public sealed class HomeLockTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-homelock-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void TryTake_WhileHeld_RefusesNamingTheHolderAndTheLockFile()
    {
        using var first = HomeLock.TryTake(_dir.FullName, out var none);

        using var second = HomeLock.TryTake(_dir.FullName, out var refusal);

        Assert.NotNull(first);
        Assert.Null(none);
        Assert.Null(second);
        Assert.Equal($"another omb server (pid {Environment.ProcessId}) runs on {_dir.FullName} (it holds {Path.Combine(_dir.FullName, HomeLock.FileName)}): stop it first, or use another --home", refusal);
    }

    [Fact]
    public void TryTake_AfterTheHolderReleased_Succeeds()
    {
        HomeLock.TryTake(_dir.FullName, out _)!.Dispose();

        using var again = HomeLock.TryTake(_dir.FullName, out var refusal);

        Assert.NotNull(again);
        Assert.Null(refusal);
    }

    [Fact]
    public void TryTake_CreatesTheLockFileReadableByTheServerOnly()
    {
        using var held = HomeLock.TryTake(_dir.FullName, out _);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir.FullName, HomeLock.FileName)));
    }
}
