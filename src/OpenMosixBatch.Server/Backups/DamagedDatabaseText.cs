namespace OpenMosixBatch.Server.Backups;

/// <summary>The one line omb server prints when its database is damaged: what is wrong, the file, and the recovery that fits the backups at hand.</summary>
public static class DamagedDatabaseText
{
    /// <param name="backups">The backups of the server's home, oldest first (<see cref="BackupGenerations.List"/>).</param>
    public static string For(string databasePath, string problem, IReadOnlyList<string> backups)
    {
        ArgumentNullException.ThrowIfNull(backups);
        var what = $"the job database {databasePath} is damaged ({problem}); the server does not start on it";
        return backups is [.., var newest]
            ? $"{what}: restore the newest backup {newest} with 'omb server --restore-backup' (or another with --restore-backup FILE; the damaged file is kept aside)"
            : $"{what}: there is no backup in {BackupGenerations.DirectoryOf(Path.GetDirectoryName(databasePath)!)}, so move the file away to start with an empty queue (its jobs are lost)";
    }
}
