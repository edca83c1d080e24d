using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>
/// A registered cron schedule: when to fire (<see cref="Expression"/> in <see cref="TimeZoneId"/>), the job it
/// submits as its owner at each fire time, its overlap and misfire policies, and what it did last.
/// </summary>
public sealed record Schedule
{
    /// <summary>Name, unique per owner (see <see cref="ScheduleNames"/> and <see cref="ScheduleKey"/>); also the key <c>H</c> fields are hashed with.</summary>
    public required string Name { get; init; }

    /// <summary>The user who made the schedule; its jobs are submitted as this user.</summary>
    public required JobOwner Owner { get; init; }

    /// <summary>
    /// The schedule as the user wrote it (fields separated by single spaces): an <c>@macro</c>, five crontab
    /// fields or six/seven Quartz fields, possibly with <c>H</c> hashed fields. See <see cref="ScheduleExpression"/>.
    /// </summary>
    public required string Expression { get; init; }

    /// <summary>IANA zone the expression is read in (<c>Europe/Berlin</c>), or null for the server's local zone.</summary>
    public string? TimeZoneId { get; init; }

    public OverlapPolicy Overlap { get; init; } = OverlapPolicy.Skip;

    public MisfirePolicy Misfire { get; init; } = MisfirePolicy.Once;

    /// <summary>The job submitted at each fire time, exactly as qsub would have submitted it.</summary>
    public required JobSpec Job { get; init; }

    /// <summary>
    /// The qsub options, script and arguments as the user gave them after <c>--</c>; kept so that
    /// <c>omb cron show</c> and <c>export</c> print what was written, since a <see cref="JobSpec"/> cannot be turned back into it.
    /// </summary>
    public IReadOnlyList<string> SubmitArguments { get; init; } = [];

    /// <summary>A paused schedule keeps its definition but fires nothing (also not <c>@reboot</c>).</summary>
    public bool Paused { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The fire time last handled (submitted or skipped), or null before the first.</summary>
    public DateTimeOffset? LastFireTime { get; init; }

    /// <summary>The job the last submitting fire made, or null when none has yet.</summary>
    public long? LastJobId { get; init; }

    /// <summary>Why the last fire submitted nothing (overlap skip, misfire skip), or null when it submitted.</summary>
    public string? LastSkipReason { get; init; }

    /// <summary>The next fire time the server computed, or null for <c>@reboot</c>, paused or exhausted schedules.</summary>
    public DateTimeOffset? NextFireTime { get; init; }
}
