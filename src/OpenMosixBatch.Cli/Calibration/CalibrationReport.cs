using System.Globalization;
using System.Text;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Cli.Calibration;

/// <summary>The human table of <c>omb calibrate -v</c>: the moves by size, the fit, the file I/O, and each value before and after.</summary>
public static class CalibrationReport
{
    /// <param name="moves">Each measured move with the ballast of its job, in MiB.</param>
    public static string Text(IReadOnlyList<(int Mib, CalibrationSample Sample)> moves, CalibrationOutcome outcome, Overheads before, MfsCosts beforeMfs)
    {
        ArgumentNullException.ThrowIfNull(moves);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(beforeMfs);
        var sb = new StringBuilder();
        void Line(FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"omb calibrate: {moves.Count} measured moves");
        Line($"  {"ballast",8}  {"checkpoint bytes",16}  {"moves",5}  {"median",9}  {"min",9}  {"max",9}");
        foreach (var size in moves.GroupBy(m => m.Mib).OrderBy(g => g.Key))
        {
            var ms = size.Select(m => m.Sample.Cost.TotalMilliseconds).Order().ToList();
            var bytes = (long)size.Average(m => m.Sample.CheckpointBytes);
            Line($"  {size.Key,4} MiB  {bytes,16}  {ms.Count,5}  {Median(ms),6:0} ms  {ms[0],6:0} ms  {ms[^1],6:0} ms");
        }

        var fit = outcome.Fit;
        Line($"  fit: cost = {fit.Intercept / 1000:0.0} ms + {fit.Slope * MigrationCostModel.PageBytes:0.00} µs per 4 KiB page (r² {fit.RSquared:0.000}, {fit.Count} moves)");
        Line($"  file I/O: read {outcome.Io.ReadPerKb:0.000} µs/KB, write with fsync {outcome.Io.WritePerKb:0.000} µs/KB");
        Values(sb, "overheads", Overheads.Meanings, before.ToValues(), outcome.Overheads.ToValues(), CalibrationOutcome.MeasuredOverheads);
        Values(sb, "mfscosts", MfsCosts.Meanings, beforeMfs.ToValues(), outcome.MfsCosts.ToValues(), CalibrationOutcome.MeasuredMfsCosts);
        foreach (var note in outcome.Notes)
        {
            Line($"  note: {note}");
        }

        return sb.ToString();
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static void Values(StringBuilder sb, string file, IReadOnlyList<string> meanings, long[] was, long[] now, IReadOnlyList<int> measured)
    {
        var width = meanings.Max(m => m.Length);
        sb.Append(CultureInfo.InvariantCulture, $"  {file,-9} {"",2}  {"".PadRight(width)}  {"was",9}  {"now",9}\n");
        for (var i = 0; i < now.Length; i++)
        {
            var how = measured.Contains(i + 1) ? "measured" : "kept";
            sb.Append(CultureInfo.InvariantCulture, $"  {"",-9} {i + 1,2}  {meanings[i].PadRight(width)}  {was[i],9}  {now[i],9}  {how}\n");
        }
    }
}
