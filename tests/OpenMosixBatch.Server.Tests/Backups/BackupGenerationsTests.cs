using OpenMosixBatch.Server.Backups;

namespace OpenMosixBatch.Server.Tests.Backups;

public sealed class BackupGenerationsTests
{
    [Fact]
    public void FileNameFor_AnyOffset_IsTheUtcTimeToTheMillisecond()
    {
        var name = BackupGenerations.FileNameFor(new DateTimeOffset(2026, 12, 3, 9, 1, 2, 345, TimeSpan.FromHours(1)));

        Assert.Equal("omb-20261203T080102345Z.db", name);
        Assert.True(BackupGenerations.IsBackupName(name));
    }

    [Fact]
    public void Surplus_MoreThanKept_NamesTheOldestAndNeverForeignOrTemporaryFiles()
    {
        string[] names =
        [
            "omb-20261203T080000000Z.db", "omb-20261203T070000000Z.db", "omb-20261203T090000000Z.db",
            "omb-20261203T100000000Z.db.tmp", "notes.txt", "omb-yesterday.db",
        ];

        Assert.Equal(["omb-20261203T070000000Z.db", "omb-20261203T080000000Z.db"], BackupGenerations.Surplus(names, keep: 1));
        Assert.Empty(BackupGenerations.Surplus(names, keep: 3));
    }

    [Fact]
    public void List_Home_ReturnsFullPathsOldestFirst()
    {
        var home = Directory.CreateTempSubdirectory("omb-backups-").FullName;
        try
        {
            var directory = Directory.CreateDirectory(BackupGenerations.DirectoryOf(home)).FullName;
            File.WriteAllText(Path.Combine(directory, "omb-20261203T090000000Z.db"), "b");
            File.WriteAllText(Path.Combine(directory, "omb-20261203T080000000Z.db"), "a");

            Assert.Equal([Path.Combine(directory, "omb-20261203T080000000Z.db"), Path.Combine(directory, "omb-20261203T090000000Z.db")], BackupGenerations.List(home));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
