using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Server.Backups;

/// <summary>
/// The periodic online backup: every <see cref="BackupSchedule.Interval"/> (and on <c>omb backup</c>) a consistent copy
/// of the job database goes to OMB_HOME/backup/ under a new name, and all but the newest
/// <see cref="BackupSchedule.Keep"/> are deleted. A failed backup (a full disk) is logged and tried again next time.
/// </summary>
/// <param name="copy">Writes the consistent copy to the path given (the store's <c>Backup</c>: checkpoint, then copy under its lock).</param>
public sealed partial class DatabaseBackups(BackupSchedule schedule, Action<string> copy, TimeProvider time, ILogger<DatabaseBackups> logger) : BackgroundService
{
    private readonly Lock _gate = new();

    /// <summary>Writes a backup now; throws what the copy threw when it could not (no partial file is left behind).</summary>
    public BackupResponse BackupNow()
    {
        lock (_gate)
        {
            var directory = BackupGenerations.DirectoryOf(schedule.Home);
            var path = Path.Combine(directory, BackupGenerations.FileNameFor(time.GetUtcNow()));
            copy(path);
            foreach (var old in BackupGenerations.Surplus(Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>(), schedule.Keep))
            {
                File.Delete(Path.Combine(directory, old));
            }

            var kept = BackupGenerations.List(schedule.Home);
            LogBackedUp(path, new FileInfo(path).Length, kept.Count);
            return new BackupResponse(path, new FileInfo(path).Length, kept);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (schedule.Interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(schedule.Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                BackupNow();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogBackupFailed(e.Message.ReplaceLineEndings(" "), schedule.Interval);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "backed up the job database to {Path} ({Bytes} bytes; {Kept} backup(s) kept)")]
    private partial void LogBackedUp(string path, long bytes, int kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not back up the job database ({Reason}); trying again in {Interval}")]
    private partial void LogBackupFailed(string reason, TimeSpan interval);
}
