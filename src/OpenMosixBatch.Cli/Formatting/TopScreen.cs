using System.Globalization;
using System.Text;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>
/// One frame of omb top, as plain text: the server line, cluster CPU and memory against the admission thresholds, the
/// jobs by state, a bar per node (load, memory or speed, by <see cref="TopMode"/>), the running tasks newest first and
/// the last migrations. Pure, so the layout is tested without a terminal; the same text is the plain listing.
/// </summary>
public static class TopScreen
{
    private const int BarWidth = 20;

    public static string Render(TopView view, TopMode mode, DateTimeOffset now, TimeZoneInfo zone, int maxTaskRows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(view);
        var s = view.Server;
        var text = new StringBuilder();
        var world = s.World is null ? "no world attached" : $"world {s.World}";
        text.Append(Invariant($"omb top - {s.Host}  {world} ({s.NodesUp}/{s.NodesTotal} nodes up)  server up {DurationText.Format(s.Uptime)}  "))
            .Append(TimeZoneInfo.ConvertTime(now, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append('\n');
        text.Append(Invariant($"cpu {Bar(s.CpuUtilizationPercent / 100)} {s.CpuUtilizationPercent,5:0.0}% (threshold {s.CpuThresholdPercent:0.#}%)   "))
            .Append(Invariant($"mem {Bar(s.MemoryUtilizationPercent / 100)} {s.MemoryUtilizationPercent,5:0.0}% (threshold {s.MemoryThresholdPercent:0.#}%)\n"));
        text.Append(Invariant($"jobs: {s.Queued} queued, {s.Held} held, {s.Waiting} waiting, {s.Running} running, {view.Migrating} migrating, {s.Exiting} exiting\n\n"));

        text.Append(Invariant($"{"NODE",-12} {"STATE",-8} {Title(mode),-(BarWidth + 2)} DETAIL\n"));
        var fastest = view.Nodes.Count == 0 ? 1 : Math.Max(view.Nodes.Max(n => n.Node.Speed), 1e-9);
        foreach (var v in view.Nodes)
        {
            var n = v.Node;
            var (fraction, detail) = mode switch
            {
                TopMode.Memory => (MemoryUsed(n), Invariant($"mem {SizeText.Human((long)(MemoryUsed(n) * n.MemoryBytes))}/{SizeText.Human(n.MemoryBytes)}, allocated {SizeText.Human(n.AllocatedMemoryBytes)}")),
                TopMode.Speed => (n.Speed / fastest, Invariant($"speed {n.Speed:0.00}")),
                _ => (n.Cpus == 0 ? 0 : (v.LoadAverage ?? 0) / n.Cpus, Invariant($"load {v.LoadAverage ?? 0:0.00}, cpus {n.AllocatedCpus}/{n.Cpus} allocated")),
            };
            text.Append(Invariant($"{QstatFormatter.Fit(n.Name, 12)} {n.State.ToString().ToLowerInvariant(),-8} {Bar(fraction)} {detail}"));
            text.Append(v.Tasks.Count > 0 ? Invariant($", {v.Tasks.Count} task(s)") : string.Empty).Append('\n');
        }

        text.Append("\nRUNNING (newest first)\n");
        text.Append(Invariant($"{"ID",-15} {"USER",-10} {"NODE",-12} {"CPUS",4} {"MEM",7} {"ELAPSED",9} {"CPU TIME",9} S\n"));
        foreach (var t in view.Running.Take(maxTaskRows))
        {
            var elapsed = t.Start is { } start ? DurationText.Format(now - start) : "--";
            text.Append(Invariant($"{QstatFormatter.Fit(t.Id, 15)} {QstatFormatter.Fit(t.User, 10)} {QstatFormatter.Fit(t.Node, 12)} {t.Cpus,4} {SizeText.Human(t.MemoryBytes),7} {elapsed,9} {DurationText.Format(t.CpuTime),9} {t.State}\n"));
        }

        if (view.Running.Count > maxTaskRows)
        {
            text.Append(Invariant($"... and {view.Running.Count - maxTaskRows} more\n"));
        }

        text.Append("\nLAST MIGRATIONS\n");
        foreach (var m in view.Migrations)
        {
            text.Append(Invariant($"{QstatFormatter.Fit(m.Task, 15)} {m.From} -> {m.To}  cost {m.Cost.TotalMilliseconds:0} ms, {SizeText.Human(m.Bytes)}, at "))
                .Append(TimeZoneInfo.ConvertTime(m.Time, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append('\n');
        }

        if (view.Migrations.Count == 0)
        {
            text.Append("(none)\n");
        }

        return text.ToString();
    }

    /// <summary>A bar of <see cref="BarWidth"/> cells, '#' for the filled share, clamped to 0..1.</summary>
    public static string Bar(double fraction)
    {
        var filled = (int)Math.Round(Math.Clamp(double.IsNaN(fraction) ? 0 : fraction, 0, 1) * BarWidth);
        return "[" + new string('#', filled) + new string('.', BarWidth - filled) + "]";
    }

    private static double MemoryUsed(NodeSnapshot n) =>
        n.MeasuredMemoryUtilization ?? (n.MemoryBytes == 0 ? 0 : (double)n.AllocatedMemoryBytes / n.MemoryBytes);

    private static string Title(TopMode mode) => mode switch
    {
        TopMode.Memory => "MEMORY",
        TopMode.Speed => "SPEED",
        _ => "LOAD/CPUS",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
