using System.Globalization;

namespace OpenMosixBatch.Bench;

/// <summary>The median and p95 lines (nearest rank) that every bench prints for a set of times.</summary>
internal static class LatencyFigures
{
    /// <summary>Prints <c>NAME_median_ms</c> and <c>NAME_p95_ms</c> of <paramref name="sortedMs"/> (ascending, not empty) in <paramref name="format"/>.</summary>
    public static void Print(string name, double[] sortedMs, string format = "F1")
    {
        Console.WriteLine($"{name}_median_ms: {sortedMs[sortedMs.Length / 2].ToString(format, CultureInfo.InvariantCulture)}");
        Console.WriteLine($"{name}_p95_ms: {sortedMs[(int)(sortedMs.Length * 0.95)].ToString(format, CultureInfo.InvariantCulture)}");
    }
}
