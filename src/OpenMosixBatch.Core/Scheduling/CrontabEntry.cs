namespace OpenMosixBatch.Core.Scheduling;

/// <summary>One schedule line of a crontab-style file, with the settings in force on that line.</summary>
/// <param name="LineNumber">1-based line it was read from; 0 for an entry made to be written.</param>
/// <param name="Name">Schedule name (<see cref="ScheduleNames"/>).</param>
/// <param name="Expression">The schedule, fields separated by single spaces (<see cref="ScheduleExpression"/>).</param>
/// <param name="TimeZoneId">The <c>TIMEZONE=</c> in force, or null for the server's local zone.</param>
/// <param name="Overlap">The <c>OVERLAP=</c> in force.</param>
/// <param name="Misfire">The <c>MISFIRE=</c> in force.</param>
/// <param name="Paused">Written as a <c>#PAUSED:</c> line.</param>
/// <param name="SubmitArguments">Everything after <c>--</c>: qsub options, the script and its arguments.</param>
public sealed record CrontabEntry(
    int LineNumber,
    string Name,
    string Expression,
    string? TimeZoneId,
    OverlapPolicy Overlap,
    MisfirePolicy Misfire,
    bool Paused,
    IReadOnlyList<string> SubmitArguments)
{
    /// <summary>The line <c>omb cron export</c> writes for a stored schedule.</summary>
    public static CrontabEntry From(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new CrontabEntry(
            0,
            schedule.Name,
            schedule.Expression,
            schedule.TimeZoneId,
            schedule.Overlap,
            schedule.Misfire,
            schedule.Paused,
            schedule.SubmitArguments);
    }
}
