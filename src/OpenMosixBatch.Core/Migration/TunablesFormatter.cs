using System.Globalization;
using System.Text;

namespace OpenMosixBatch.Core.Migration;

/// <summary>Writes the tunables as their files hold them and as <c>omb tune get</c> shows them.</summary>
public static class TunablesFormatter
{
    /// <summary>The single line of <c>/proc/hpc/admin/overheads</c>: the 14 values separated by tabs, no newline.</summary>
    public static string Format(Overheads overheads)
    {
        ArgumentNullException.ThrowIfNull(overheads);
        return Join(overheads.ToValues());
    }

    /// <summary>The single line of <c>conf/mfscosts</c>: the 6 values separated by tabs, no newline.</summary>
    public static string Format(MfsCosts costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        return Join(costs.ToValues());
    }

    /// <summary>A whole <c>conf/overheads</c> file: a comment header and the value line, ending in a newline.</summary>
    public static string FormatFile(Overheads overheads) =>
        "# openMosix overheads in microseconds, in /proc/hpc/admin/overheads order (omb tune get explains each value)\n"
        + Format(overheads) + "\n";

    /// <summary>A whole <c>conf/mfscosts</c> file: a comment header and the value line, ending in a newline.</summary>
    public static string FormatFile(MfsCosts costs) =>
        "# oMFS costs in microseconds: connect server, connect client, per KB in server, client, per KB out server, client\n"
        + Format(costs) + "\n";

    /// <summary>One line per value, as <c>mosctl gettune</c> printed them: number, meaning, value in µs.</summary>
    public static string Table(Overheads overheads)
    {
        ArgumentNullException.ThrowIfNull(overheads);
        return Table(Overheads.Meanings, overheads.ToValues());
    }

    /// <summary>One line per oMFS value: number, meaning, value in µs.</summary>
    public static string Table(MfsCosts costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        return Table(MfsCosts.Meanings, costs.ToValues());
    }

    private static string Join(long[] values) =>
        string.Join('\t', values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Table(IReadOnlyList<string> meanings, long[] values)
    {
        var meaningWidth = meanings.Max(m => m.Length);
        var valueWidth = values.Max(v => v.ToString(CultureInfo.InvariantCulture).Length);
        var sb = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1,2}  {meanings[i].PadRight(meaningWidth)}  {values[i].ToString(CultureInfo.InvariantCulture).PadLeft(valueWidth)} µs\n");
        }

        return sb.ToString();
    }
}
