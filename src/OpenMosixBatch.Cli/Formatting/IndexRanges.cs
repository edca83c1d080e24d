using System.Globalization;
using System.Text;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>Compresses array indices into PBS range text: runs of consecutive indices become ranges: 1,2,3,5,7,8 → 1-3,5,7-8.</summary>
public static class IndexRanges
{
    public static string Format(IReadOnlyList<int> sortedIndices)
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < sortedIndices.Count)
        {
            var start = sortedIndices[i];
            var end = start;
            while (i + 1 < sortedIndices.Count && sortedIndices[i + 1] == end + 1)
            {
                end = sortedIndices[++i];
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(start.ToString(CultureInfo.InvariantCulture));
            if (end != start)
            {
                text.Append('-').Append(end.ToString(CultureInfo.InvariantCulture));
            }

            i++;
        }

        return text.ToString();
    }
}
