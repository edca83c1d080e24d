using System.Globalization;
using OpenMosixBatch.Api.Client;

namespace OpenMosixBatch.Server.Backups;

/// <summary>
/// <c>omb server --restore-backup [FILE]</c>: puts a backup in place of the job database before the server opens it.
/// The old database and its LiteDB log are renamed aside (<c>omb.db.damaged-STAMP</c>), never deleted: the log
/// belongs to the old file, and replaying it over the backup would write the old pages into it. The backup itself
/// stays where it is.
/// </summary>
public static class BackupRestore
{
    /// <summary>What was restored and where the previous files went.</summary>
    public sealed record Outcome(string Backup, string Database, IReadOnlyList<string> KeptAside);

    /// <summary>Restores <paramref name="file"/>, or the newest backup of <paramref name="home"/>; throws <see cref="InvalidDataException"/> with one line when there is none.</summary>
    public static Outcome Restore(string home, string? file, DateTimeOffset now)
    {
        var backup = file is not null ? Path.GetFullPath(file)
            : BackupGenerations.List(home) is [.., var newest] ? newest
            : throw new InvalidDataException($"no backup to restore in {BackupGenerations.DirectoryOf(home)}: give one with --restore-backup FILE, or move {OmbHome.DatabasePath(home)} away to start with an empty queue");
        if (!File.Exists(backup))
        {
            throw new InvalidDataException($"backup {backup} does not exist: list the backups with 'ls {BackupGenerations.DirectoryOf(home)}' and give one with --restore-backup FILE");
        }

        var database = OmbHome.DatabasePath(home);
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var aside = new List<string>();
        foreach (var current in new[] { database, LogPathOf(database) })
        {
            if (File.Exists(current))
            {
                var target = $"{current}.damaged-{stamp}";
                File.Move(current, target);
                aside.Add(target);
            }
        }

        var temporary = database + ".restoring";
        using (var source = new FileStream(backup, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (var target = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            source.CopyTo(target);
            target.Flush(flushToDisk: true);
        }

        File.Move(temporary, database);
        return new Outcome(backup, database, aside);
    }

    /// <summary>LiteDB keeps its write-ahead log beside the file as NAME-log.EXT.</summary>
    public static string LogPathOf(string database) =>
        Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + "-log" + Path.GetExtension(database));
}
