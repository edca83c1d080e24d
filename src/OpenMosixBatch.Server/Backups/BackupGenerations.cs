using System.Globalization;

namespace OpenMosixBatch.Server.Backups;

/// <summary>
/// Names and ages of the backups in OMB_HOME/backup/: <c>omb-20261203T080102123Z.db</c>, the UTC time to the
/// millisecond, so that names sort by age and two backups in one second do not collide.
/// </summary>
public static class BackupGenerations
{
    public const string DirectoryName = "backup";
    private const string Prefix = "omb-";
    private const string Suffix = ".db";
    private const string StampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    public static string DirectoryOf(string home) => Path.Combine(home, DirectoryName);

    public static string FileNameFor(DateTimeOffset now) =>
        Prefix + now.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture) + Suffix;

    /// <summary>True for a name this class gives (temporary and foreign files are never listed, never deleted).</summary>
    public static bool IsBackupName(string fileName) =>
        fileName.StartsWith(Prefix, StringComparison.Ordinal) && fileName.EndsWith(Suffix, StringComparison.Ordinal)
        && DateTime.TryParseExact(fileName[Prefix.Length..^Suffix.Length], StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>The backup file names among <paramref name="fileNames"/>, oldest first.</summary>
    public static List<string> OldestFirst(IEnumerable<string> fileNames) =>
        [.. fileNames.Where(IsBackupName).Order(StringComparer.Ordinal)];

    /// <summary>The names to delete so that the newest <paramref name="keep"/> remain.</summary>
    public static List<string> Surplus(IEnumerable<string> fileNames, int keep)
    {
        var all = OldestFirst(fileNames);
        return all.Count <= keep ? [] : all[..(all.Count - Math.Max(keep, 0))];
    }

    /// <summary>The backups in <paramref name="home"/>, oldest first, as full paths.</summary>
    public static List<string> List(string home)
    {
        var directory = DirectoryOf(home);
        return Directory.Exists(directory)
            ? [.. OldestFirst(Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>()).Select(n => Path.Combine(directory, n))]
            : [];
    }
}
