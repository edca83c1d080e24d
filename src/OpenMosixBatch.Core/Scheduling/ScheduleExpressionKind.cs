namespace OpenMosixBatch.Core.Scheduling;

/// <summary>The written form of a schedule expression, told apart by its field count alone.</summary>
public enum ScheduleExpressionKind
{
    /// <summary>One of the crontab macros that name a time (<c>@daily</c>, <c>@hourly</c>, …).</summary>
    Macro,

    /// <summary><c>@reboot</c>: fire once each time the server starts; it has no fire times of its own.</summary>
    AtStartup,

    /// <summary>Five crontab fields: minute, hour, day of month, month, day of week (0-7, 0 and 7 are Sunday).</summary>
    Crontab,

    /// <summary>Six or seven Quartz fields: second, minute, hour, day of month, month, day of week (1-7 from Sunday), [year].</summary>
    Quartz,
}
