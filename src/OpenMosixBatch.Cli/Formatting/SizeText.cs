using System.Globalization;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>Sizes rounded for people as pbsnodes prints them (<c>1.5gb</c>); the exact, re-readable form is Core's SizeParser.Format.</summary>
public static class SizeText
{
    private static readonly string[] Units = ["b", "kb", "mb", "gb", "tb"];

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
