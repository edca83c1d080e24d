using System.Globalization;
using System.Text;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Scheduling;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary><c>omb cron show</c>: one schedule as <c>attribute = value</c> lines, like qstat -f; pure.</summary>
public static class CronShowFormatter
{
    private const string Indent = "    ";

    public static string Format(ScheduleDetailResponse detail, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var s = detail.Schedule;
        var text = new StringBuilder();
        text.Append("Schedule: ").Append(s.Name).Append('\n');
        void Line(string name, string? value)
        {
            if (value is not null)
            {
                text.Append(Indent).Append(name).Append(" = ").Append(value).Append('\n');
            }
        }

        Line("owner", s.Owner);
        Line("schedule", s.Expression);
        Line("quartz_expression", detail.QuartzExpression ?? (s.Expression == ScheduleExpression.AtStartupMacro ? "(at server start)" : null));
        Line("timezone", s.TimeZoneId ?? "server local");
        Line("overlap", SchedulePolicyNames.Format(s.Overlap));
        Line("misfire", SchedulePolicyNames.Format(s.Misfire));
        Line("paused", s.Paused ? "yes" : "no");
        Line("job", string.Join(' ', s.SubmitArguments.Select(ShellWords.Quote)));
        Line("job_name", detail.JobName);
        Line("queue", detail.Queue);
        Line("created", Time(detail.CreatedAt, zone));
        Line("next_fire", s.NextFireTime is { } next ? Time(next, zone) : null);
        for (var i = 1; i < detail.UpcomingFireTimes.Count; i++)
        {
            Line($"then[{i.ToString(CultureInfo.InvariantCulture)}]", Time(detail.UpcomingFireTimes[i], zone));
        }

        Line("last_fire", s.LastFireTime is { } last ? Time(last, zone) : null);
        Line("last_job", s.LastJobId is { } id ? $"{id.ToString(CultureInfo.InvariantCulture)}{(s.LastJobState is { } state ? $" ({state})" : "")}" : null);
        Line("last_skip", s.LastSkipReason);
        return text.ToString();
    }

    private static string Time(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
