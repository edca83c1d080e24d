using System.Globalization;
using System.Text;

namespace OpenMosixBatch.Simulation.Reporting;

/// <summary><c>--jobs FILE</c>: one CSV line per simulated job of every setting and window.</summary>
public static class JobsCsv
{
    public const string Header = "cpu_threshold,mem_threshold,order,backfill,window_start,job,submit_s,start_s,end_s,wait_s,run_s,processors,requested_s,bsld";

    public static void Write(TextWriter writer, IReadOnlyList<SettingResult> results)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        writer.Write(Header + "\n");
        var line = new StringBuilder();
        foreach (var r in results)
        {
            foreach (var w in r.Windows)
            {
                foreach (var j in w.Run.Jobs.OrderBy(j => j.Job.Submit).ThenBy(j => j.Job.Number))
                {
                    line.Clear();
                    line.Append(CultureInfo.InvariantCulture, $"{r.Setting.CpuPercent},{r.Setting.MemoryPercent},{r.Setting.OrderName},{r.Setting.BackfillName},");
                    line.Append(CultureInfo.InvariantCulture, $"{w.Window?.Start.ToString(CultureInfo.InvariantCulture) ?? ""},{j.Job.Number},{j.Job.Submit},{j.Start},{j.End},");
                    line.Append(CultureInfo.InvariantCulture, $"{j.Wait},{j.Job.Run},{j.Job.Processors},{j.Job.RequestedTime?.ToString(CultureInfo.InvariantCulture) ?? ""},{j.BoundedSlowdown:0.####}\n");
                    writer.Write(line);
                }
            }
        }
    }
}
