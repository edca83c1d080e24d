using System.Text;
using System.Text.Json;

namespace OpenMosixBatch.Simulation.Reporting;

/// <summary>
/// <c>--json</c>: an array with one object per setting: the setting, each figure as the mean over the windows
/// (<c>jobs</c>, <c>mean_wait_s</c>, <c>p95_wait_s</c>, <c>mean_bsld</c>, <c>utilization</c>, <c>makespan_s</c>,
/// <c>unstarted</c>), and <c>windows</c>, the same figures per window with its <c>start</c> and <c>length</c>.
/// </summary>
public static class JsonReport
{
    public static string Format(IReadOnlyList<SettingResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteNumber("cpu_threshold", r.Setting.CpuPercent);
                json.WriteNumber("mem_threshold", r.Setting.MemoryPercent);
                json.WriteString("order", r.Setting.OrderName);
                json.WriteString("backfill", r.Setting.BackfillName);
                Figures(json, r.Mean);
                json.WriteStartArray("windows");
                foreach (var w in r.Windows)
                {
                    json.WriteStartObject();
                    if (w.Window is { } window)
                    {
                        json.WriteNumber("start", window.Start);
                        json.WriteNumber("length", window.Length);
                    }

                    Figures(json, w.Metrics);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Figures(Utf8JsonWriter json, RunMetrics m)
    {
        json.WriteNumber("jobs", m.Jobs);
        json.WriteNumber("mean_wait_s", m.MeanWaitSeconds);
        json.WriteNumber("p95_wait_s", m.P95WaitSeconds);
        json.WriteNumber("mean_bsld", m.MeanBoundedSlowdown);
        json.WriteNumber("utilization", m.Utilization);
        json.WriteNumber("makespan_s", m.MakespanSeconds);
        json.WriteNumber("unstarted", m.Unstarted);
    }
}
