using Microsoft.Extensions.Logging;

namespace OpenMosixBatch.Server.Cron;

/// <summary>Log lines of the cron service.</summary>
public sealed partial class CronScheduleService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "schedule {Name} fired for {FireTime:O}: job {JobId} submitted for {Owner}")]
    private partial void LogFired(string name, DateTimeOffset fireTime, string jobId, string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "schedule {Name} submitted nothing: {Reason}")]
    private partial void LogSkipped(string name, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "schedule {Name}: {Reason}")]
    private partial void LogMisfire(string name, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "schedule {Name} added by {Owner}: {Expression}")]
    private partial void LogAdded(string name, string owner, string expression);

    [LoggerMessage(Level = LogLevel.Information, Message = "schedule {Name} removed by {User}")]
    private partial void LogRemoved(string name, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "schedule {Name} {Change} by {User}")]
    private partial void LogPaused(string name, string change, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "schedule {Name} is kept but cannot fire on this server: {Problem}")]
    private partial void LogUnusable(string name, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "schedule {Name} could not fire; its next fire time was moved on")]
    private partial void LogFireFailed(Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "schedule {Name} fired but its new state could not be stored; it is kept in memory")]
    private partial void LogStoreFailed(Exception exception, string name);
}
