namespace OpenMosixBatch.Server.Cron;

/// <summary>What one wake-up of a schedule does.</summary>
public enum CronWakeUpAction
{
    /// <summary>Not due: a stale wake-up for a time already handled, or a paused or removed schedule.</summary>
    Nothing,

    /// <summary>Fire once, for <see cref="CronWakeUp.FireTime"/> (the overlap policy still decides whether a job is submitted).</summary>
    Fire,

    /// <summary>The fire times were missed while the server was down and the misfire policy is skip: record why, submit nothing.</summary>
    SkipMissed,
}
