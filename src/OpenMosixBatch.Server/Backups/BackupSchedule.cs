namespace OpenMosixBatch.Server.Backups;

/// <summary>Where backups go (OMB_HOME/backup/), how often, and how many are kept: Omb:Backup resolved against the home.</summary>
public sealed record BackupSchedule(string Home, TimeSpan Interval, int Keep);
