namespace OpenMosixBatch.Server.Options;

/// <summary>Section "Omb:Backup": the periodic online copy of the job database into OMB_HOME/backup/.</summary>
public sealed class BackupOptions
{
    public const int DefaultKeep = 3;
    public const int MaxKeep = 1000;

    /// <summary>An hour: at most an hour of queue changes to re-enter after restoring one, at a cost of one file copy an hour.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    /// <summary>Time between two backups (e.g. "00:30:00"); zero turns the periodic backup off (<c>omb backup</c> still works).</summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;

    /// <summary>How many backups to keep; older ones are deleted after each new one.</summary>
    public int Keep { get; set; } = DefaultKeep;
}
