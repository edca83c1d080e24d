using System.Globalization;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Migration;

/// <summary>How plan reasons write times, rates and sizes (invariant culture, so logs read the same everywhere).</summary>
internal static class PlanText
{
    public static string Seconds(double microseconds) =>
        (microseconds / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " s";

    public static string Gain(double microseconds) =>
        microseconds > 0 ? Seconds(microseconds) + " sooner" : microseconds < 0 ? Seconds(-microseconds) + " later" : "no sooner";

    public static string Rate(double rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => SizeParser.Human(Math.Max(0, bytes));
}
