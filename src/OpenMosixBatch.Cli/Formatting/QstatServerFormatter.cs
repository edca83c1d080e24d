using System.Globalization;
using System.Text;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>qstat -B: PBS's server row (jobs by state and status), then the world, its nodes, utilisation against thresholds and uptime.</summary>
public static class QstatServerFormatter
{
    public static string Format(ServerStatus s, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(s);
        var text = new StringBuilder();
        text.Append("Server             Tot   Que   Run   Hld   Wat   Ext Status\n");
        text.Append("---------------- ----- ----- ----- ----- ----- ----- -----------\n");
        text.Append(string.Create(CultureInfo.InvariantCulture,
            $"{QstatFormatter.Fit(s.Host, 16)} {s.Total,5} {s.Queued,5} {s.Running,5} {s.Held,5} {s.Waiting,5} {s.Exiting,5} {s.State}\n"));
        text.Append("    world = ").Append(s.World is null ? "none attached"
            : s.World + (s.WorldAttachedAt is { } at ? " (attached " + QstatFullFormatter.Time(at, zone) + ")" : string.Empty)).Append('\n');
        text.Append(string.Create(CultureInfo.InvariantCulture, $"    nodes = {s.NodesUp} up of {s.NodesTotal}\n"));
        text.Append(string.Create(CultureInfo.InvariantCulture, $"    cpu_utilisation = {s.CpuUtilizationPercent:0.#}% (threshold {s.CpuThresholdPercent:0.#}%)\n"));
        text.Append(string.Create(CultureInfo.InvariantCulture, $"    mem_utilisation = {s.MemoryUtilizationPercent:0.#}% (threshold {s.MemoryThresholdPercent:0.#}%)\n"));
        text.Append("    default_queue = ").Append(s.DefaultQueue).Append('\n');
        text.Append("    started = ").Append(QstatFullFormatter.Time(s.StartedAt, zone)).Append('\n');
        text.Append("    uptime = ").Append(DurationText.Format(s.Uptime)).Append('\n');
        return text.ToString();
    }
}
