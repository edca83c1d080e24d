using System.Globalization;
using System.Text;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary><c>omb cron list</c>: one row per schedule, times in <c>zone</c>; pure.</summary>
public static class CronListFormatter
{
    private static readonly string[] Headers = ["Name", "Owner", "Schedule", "Timezone", "Next fire", "Last job", "S", "Paused"];

    public static string Format(IReadOnlyList<ScheduleSummary> schedules, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        var rows = schedules.Select(s => new[]
        {
            s.Name,
            s.Owner,
            s.Expression,
            s.TimeZoneId ?? "-",
            s.NextFireTime is { } next ? Time(next, zone) : "-",
            s.LastJobId?.ToString(CultureInfo.InvariantCulture) ?? "-",
            s.LastJobState?.ToString() ?? "-",
            s.Paused ? "yes" : "no",
        }).ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Row(text, Headers, widths);
        Row(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in rows)
        {
            Row(text, row, widths);
        }

        return text.ToString();
    }

    /// <summary>A fire time as users read it: <c>2025-03-04 02:00:00</c> in their zone.</summary>
    public static string Time(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 1));
        }

        text.Append('\n');
    }
}
