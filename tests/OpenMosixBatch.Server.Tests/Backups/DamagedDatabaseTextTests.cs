using OpenMosixBatch.Server.Backups;

namespace OpenMosixBatch.Server.Tests.Backups;

public sealed class DamagedDatabaseTextTests
{
    [Fact]
    public void For_BackupsExist_NamesTheFileTheProblemAndTheNewestBackupToRestore()
    {
        var line = DamagedDatabaseText.For("/srv/omb/omb.db", "not a readable LiteDB file: Invalid page type", ["/srv/omb/backup/omb-1.db", "/srv/omb/backup/omb-2.db"]);

        Assert.StartsWith("the job database /srv/omb/omb.db is damaged (not a readable LiteDB file: Invalid page type)", line, StringComparison.Ordinal);
        Assert.Contains("restore the newest backup /srv/omb/backup/omb-2.db with 'omb server --restore-backup'", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void For_NoBackup_SaysSoAndOffersTheEmptyQueue()
    {
        var line = DamagedDatabaseText.For("/srv/omb/omb.db", "truncated", []);

        Assert.Contains("there is no backup in /srv/omb/backup", line, StringComparison.Ordinal);
        Assert.Contains("move the file away", line, StringComparison.Ordinal);
    }
}
