using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Api.Contracts;

/// <summary>
/// POST /v1/schedules: register a schedule. <see cref="Submit"/> is the job exactly as qsub would have submitted it
/// (the CLI maps the qsub arguments with qsub's own mapper); <see cref="SubmitArguments"/> are those arguments as
/// written, kept for <c>omb cron show</c> and <c>export</c>. The owner is the caller, from the socket.
/// </summary>
public sealed record ScheduleAddRequest(
    string Name,
    string Expression,
    string? TimeZoneId,
    OverlapPolicy Overlap,
    MisfirePolicy Misfire,
    bool Paused,
    SubmitRequest Submit,
    IReadOnlyList<string> SubmitArguments);

/// <summary>POST /v1/schedules/import: many schedules, stored all together or not at all.</summary>
public sealed record ScheduleImportRequest(IReadOnlyList<ScheduleAddRequest> Schedules);

/// <summary>The names stored by an add or an import, in request order.</summary>
public sealed record ScheduleAddResponse(IReadOnlyList<ScheduleSummary> Schedules);

/// <summary>One <c>omb cron list</c> row; also everything <c>omb cron export</c> writes.</summary>
/// <param name="LastJobState">The qstat letter of <paramref name="LastJobId"/> now, or null when it is unknown or purged.</param>
public sealed record ScheduleSummary(
    string Name,
    string Owner,
    string Expression,
    string? TimeZoneId,
    OverlapPolicy Overlap,
    MisfirePolicy Misfire,
    bool Paused,
    DateTimeOffset? NextFireTime,
    DateTimeOffset? LastFireTime,
    long? LastJobId,
    char? LastJobState,
    string? LastSkipReason,
    IReadOnlyList<string> SubmitArguments);

/// <summary>GET /v1/schedules: the caller's schedules (an administrator's: all).</summary>
public sealed record ScheduleListResponse(IReadOnlyList<ScheduleSummary> Schedules);

/// <summary>GET /v1/schedules/{name}: one schedule with what Quartz made of it and its next fire times.</summary>
/// <param name="QuartzExpression">The Quartz expression that fires (H resolved), or null for @reboot.</param>
public sealed record ScheduleDetailResponse(
    ScheduleSummary Schedule,
    string? QuartzExpression,
    IReadOnlyList<DateTimeOffset> UpcomingFireTimes,
    DateTimeOffset CreatedAt,
    string Queue,
    string JobName);

/// <summary>POST /v1/schedules/{name}/run: the job the fire submitted, or why it submitted none.</summary>
public sealed record ScheduleRunResponse(string Name, long? JobId, string? DisplayId, string? SkipReason);
