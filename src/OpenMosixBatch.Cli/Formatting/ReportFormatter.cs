using System.Globalization;
using System.Text;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Accounting;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>omb report's table and CSV: pure functions of the server's answer.</summary>
public static class ReportFormatter
{
    private const string Header = "By     Name                 Jobs  CPU-h alloc   CPU-h used  Effic.  Mean wait   P95 wait";

    public static string Table(UsageReportResponse report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(inv, $"Usage of jobs that ended from {Local(report.Start)} to {Local(report.End)}")
            .Append(report.AllUsers ? " (all users)" : " (your jobs)").Append('\n')
            .Append(Header).Append('\n')
            .Append(new string('-', Header.Length)).Append('\n');
        foreach (var r in report.Rows)
        {
            text.Append(inv, $"{r.By,-6} {Clip(r.Key, 20),-20} {r.Jobs,5} {r.CpuHoursAllocated,12:F2} {r.CpuHoursUsed,12:F2} {r.Efficiency * 100,5:F0}% {DurationText.Format(TimeSpan.FromSeconds(r.MeanWaitSeconds)),10} {DurationText.Format(TimeSpan.FromSeconds(r.P95WaitSeconds)),10}\n");
        }

        return text.ToString();
    }

    public static string Csv(UsageReportResponse report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder("by,name,jobs,cpu_hours_allocated,cpu_hours_used,efficiency,mean_wait_seconds,p95_wait_seconds\n");
        foreach (var r in report.Rows)
        {
            text.Append(inv, $"{r.By},{Field(r.Key)},{r.Jobs},{r.CpuHoursAllocated:0.####},{r.CpuHoursUsed:0.####},{r.Efficiency:0.####},{r.MeanWaitSeconds:0.#},{r.P95WaitSeconds:0.#}\n");
        }

        return text.ToString();
    }

    private static string Clip(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    /// <summary>A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).</summary>
    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Local(DateTimeOffset t) =>
        TimeZoneInfo.ConvertTime(t, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
