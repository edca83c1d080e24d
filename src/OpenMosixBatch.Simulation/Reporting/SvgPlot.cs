using System.Globalization;
using System.Text;

namespace OpenMosixBatch.Simulation.Reporting;

/// <summary>
/// <c>--plot FILE</c>: an SVG of one run over simulated time, three stacked panels: jobs waiting, CPUs running, and
/// utilisation (running CPUs / machine CPUs). Step lines from the run's timeline, thinned to at most
/// <see cref="MaxPoints"/> steps per panel (each kept step is the largest value in its slice, so peaks survive).
/// </summary>
public static class SvgPlot
{
    public const int MaxPoints = 2000;
    private const int Width = 900, PanelHeight = 160, Left = 70, Right = 20, Top = 30, Gap = 40;

    public static string Format(SimulationRun run, string title)
    {
        ArgumentNullException.ThrowIfNull(run);
        var samples = run.Timeline;
        var height = Top + (3 * (PanelHeight + Gap));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\">{Escape(title)}</text>\n");
        if (samples.Count > 0)
        {
            var t0 = samples[0].Time;
            var t1 = Math.Max(samples[^1].Time, t0 + 1);
            var cpus = Math.Max(1, run.MachineCpus);
            Panel(svg, 0, "jobs waiting", samples, s => s.Queued, Math.Max(1, samples.Max(s => s.Queued)), t0, t1, "#1f77b4");
            Panel(svg, 1, "CPUs running", samples, s => s.RunningCpus, cpus, t0, t1, "#2ca02c");
            Panel(svg, 2, "utilisation", samples, s => (double)s.RunningCpus / cpus, 1, t0, t1, "#d62728");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, int index, string label, IReadOnlyList<TimelineSample> samples, Func<TimelineSample, double> value,
        double max, long t0, long t1, string colour)
    {
        var top = Top + (index * (PanelHeight + Gap)) + 10;
        var plotWidth = Width - Left - Right;
        double X(long t) => Left + ((double)(t - t0) / (t1 - t0) * plotWidth);
        double Y(double v) => top + PanelHeight - (v / max * PanelHeight);
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#999\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{top - 4}\">{label}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{top + 10}\" text-anchor=\"end\">{N(max)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{top + PanelHeight}\" text-anchor=\"end\">0</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{top + PanelHeight + 14}\" text-anchor=\"end\">{N((t1 - t0) / 3600.0)} h</text>\n");
        var points = new StringBuilder();
        var step = Math.Max(1, (samples.Count + MaxPoints - 1) / MaxPoints);
        double? last = null;
        for (var i = 0; i < samples.Count; i += step)
        {
            var slice = samples.Skip(i).Take(step).ToList();
            var v = slice.Max(value);
            var x = X(slice[0].Time);
            if (last is { } previous)
            {
                points.Append(CultureInfo.InvariantCulture, $"{x:0.#},{Y(previous):0.#} ");
            }

            points.Append(CultureInfo.InvariantCulture, $"{x:0.#},{Y(v):0.#} ");
            last = v;
        }

        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1\" points=\"{points.ToString().TrimEnd()}\"/>\n");
    }

    private static string N(double v) => v.ToString(v >= 10 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
