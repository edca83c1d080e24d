using System.Globalization;
using System.Text;

namespace OpenMosixBatch.Simulation.Reporting;

/// <summary>The text table of <c>omb simulate</c>: one row per setting, each figure the mean over the windows.</summary>
public static class ResultTable
{
    private static readonly string[] Header = ["cpu%", "mem%", "order", "backfill", "jobs", "mean_wait_s", "p95_wait_s", "mean_bsld", "utilization", "makespan_s", "unstarted"];

    public static string Format(IReadOnlyList<SettingResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = new List<string[]> { Header };
        rows.AddRange(results.Select(r => new[]
        {
            F(r.Setting.CpuPercent, "0.##"), F(r.Setting.MemoryPercent, "0.##"), r.Setting.OrderName, r.Setting.BackfillName,
            F(r.Mean.Jobs, "0.#"), F(r.Mean.MeanWaitSeconds, "0.0"), F(r.Mean.P95WaitSeconds, "0.0"), F(r.Mean.MeanBoundedSlowdown, "0.00"),
            F(r.Mean.Utilization, "0.000"), F(r.Mean.MakespanSeconds, "0"), F(r.Mean.Unstarted, "0.#"),
        }));
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin("  ", row.Select((cell, c) => c < 4 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
        }

        return text.ToString();
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
