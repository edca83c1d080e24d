using System.Globalization;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>Sizes as PBS prints them: exact (<c>2gb</c>, re-readable by -l mem=) or rounded for people (<c>1.5gb</c>).</summary>
public static class SizeText
{
    private static readonly string[] Units = ["b", "kb", "mb", "gb", "tb"];

    /// <summary>The largest unit that divides the size exactly: 2147483648 → 2gb, 1536 → 1536b.</summary>
    public static string Exact(long bytes)
    {
        var unit = 0;
        while (unit < Units.Length - 1 && bytes != 0 && bytes % 1024 == 0)
        {
            bytes /= 1024;
            unit++;
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + Units[unit];
    }

    /// <summary>One decimal in the largest unit that keeps the number at least 1: 1610612736 → 1.5gb.</summary>
    public static string Human(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (unit < Units.Length - 1 && Math.Abs(value) >= 1024)
        {
            value /= 1024;
            unit++;
        }

        var text = unit == 0 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.#", CultureInfo.InvariantCulture);
        return text + Units[unit];
    }
}
