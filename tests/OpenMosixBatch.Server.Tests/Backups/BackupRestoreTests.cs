using OpenMosixBatch.Server.Backups;

namespace OpenMosixBatch.Server.Tests.Backups;

public sealed class BackupRestoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly string _home = Directory.CreateTempSubdirectory("omb-restore-").FullName;

    [Fact]
    public void Restore_NoFileGiven_PutsTheNewestBackupInPlaceAndKeepsTheDatabaseAndItsLogAside()
    {
        var backups = Directory.CreateDirectory(BackupGenerations.DirectoryOf(_home)).FullName;
        File.WriteAllText(Path.Combine(backups, "omb-20261203T070000000Z.db"), "older");
        File.WriteAllText(Path.Combine(backups, "omb-20261203T080000000Z.db"), "newest");
        File.WriteAllText(Path.Combine(_home, "omb.db"), "damaged");
        File.WriteAllText(Path.Combine(_home, "omb-log.db"), "its log");

        var outcome = BackupRestore.Restore(_home, null, Now);

        Assert.Equal("newest", File.ReadAllText(Path.Combine(_home, "omb.db")));
        Assert.False(File.Exists(Path.Combine(_home, "omb-log.db")), "the damaged file's log must not be replayed over the backup");
        Assert.Equal("damaged", File.ReadAllText(Path.Combine(_home, "omb.db.damaged-20261203T090000Z")));
        Assert.Equal("its log", File.ReadAllText(Path.Combine(_home, "omb-log.db.damaged-20261203T090000Z")));
        Assert.Equal(2, outcome.KeptAside.Count);
        Assert.Equal("newest", File.ReadAllText(outcome.Backup));
    }

    [Fact]
    public void Restore_FileGiven_RestoresThatOne()
    {
        var chosen = Path.Combine(_home, "chosen.db");
        File.WriteAllText(chosen, "chosen");

        var outcome = BackupRestore.Restore(_home, chosen, Now);

        Assert.Equal("chosen", File.ReadAllText(Path.Combine(_home, "omb.db")));
        Assert.Empty(outcome.KeptAside);
    }

    [Fact]
    public void Restore_NoBackupAtAll_RefusesNamingTheDirectoryAndChangesNothing()
    {
        File.WriteAllText(Path.Combine(_home, "omb.db"), "damaged");

        var e = Assert.Throws<InvalidDataException>(() => BackupRestore.Restore(_home, null, Now));

        Assert.Contains(BackupGenerations.DirectoryOf(_home), e.Message, StringComparison.Ordinal);
        Assert.Equal("damaged", File.ReadAllText(Path.Combine(_home, "omb.db")));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
