using OpenMosixBatch.Server.Hosting;

namespace OpenMosixBatch.Server.Tests.Hosting;

public sealed class StateFileScanTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("omb-state-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public void Entries_ListsTheServersFilesAndEverythingUnderItsStateDirectories()
    {
        Write("omb.db");
        Write("checkpoints/4/0/1");
        Write("backup/omb-20261206T000000000Z.db");

        var paths = StateFileScan.Entries(_home.FullName).Select(e => Relative(e.Path));

        Assert.Equal(["backup", "backup/omb-20261206T000000000Z.db", "checkpoints", "checkpoints/4", "checkpoints/4/0", "checkpoints/4/0/1", "omb.db"], paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Entries_LeaveOutWhatIsNotState_AndTheTasksOwnDirectoriesInTheSpool()
    {
        Write("conf/omb.json");
        Write("work/out.o1");
        Write("spool/node1/3-0/checkpoint/state");
        Write("spool/node1.checkpoints/3-0-ab.tar");
        Write("spool/node1.sessions/3-0");

        var entries = StateFileScan.Entries(_home.FullName);

        Assert.Equal(["spool", "spool/node1", "spool/node1.checkpoints", "spool/node1.checkpoints/3-0-ab.tar", "spool/node1.sessions", "spool/node1.sessions/3-0"],
            entries.Select(e => Relative(e.Path)).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.False(e.ServerOwned));
        Assert.All(entries, e => Assert.Equal(Path.Combine(_home.FullName, "spool"), e.Top));
    }

    [Fact]
    public void Entries_DoNotFollowLinksInsideStateDirectories()
    {
        Write("checkpoints/4/0/1");
        File.CreateSymbolicLink(Path.Combine(_home.FullName, "checkpoints", "elsewhere"), "/etc");

        var paths = StateFileScan.Entries(_home.FullName).Select(e => Relative(e.Path));

        Assert.DoesNotContain(paths, p => p.StartsWith("checkpoints/elsewhere", StringComparison.Ordinal));
    }

    [Fact]
    public void Entries_ReportTheModeAndOwnerOnDisk_SoTheCheckRefusesAnOlderHomesDatabase()
    {
        Write("omb.db");
        File.SetUnixFileMode(Path.Combine(_home.FullName, "omb.db"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var problem = StateFileCheck.Problem(StateFileScan.Entries(_home.FullName), OpenMosixBatch.Server.Identity.ServerIdentity.EffectiveUid);

        Assert.StartsWith(Path.Combine(_home.FullName, "omb.db") + " is readable by other users (mode 0644)", problem, StringComparison.Ordinal);
    }

    private void Write(string relative)
    {
        var path = Path.Combine(_home.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private string Relative(string path) => Path.GetRelativePath(_home.FullName, path);
}
