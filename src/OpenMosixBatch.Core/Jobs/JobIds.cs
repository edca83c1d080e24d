using System.Globalization;

namespace OpenMosixBatch.Core.Jobs;

/// <summary>Formats and parses the job ids users type: <c>42</c>, <c>42.host</c>, <c>42[]</c>, <c>42[7]</c>.</summary>
public static class JobIds
{
    public static string Format(long id, bool isArray) =>
        isArray ? string.Create(CultureInfo.InvariantCulture, $"{id}[]") : id.ToString(CultureInfo.InvariantCulture);

    public static string FormatTask(long id, int index) => string.Create(CultureInfo.InvariantCulture, $"{id}[{index}]");

    /// <summary>Parses a job reference; a <c>.server</c> suffix as PBS prints it is accepted and ignored.</summary>
    public static bool TryParse(string? text, out JobReference reference)
    {
        reference = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        int? index = null;
        var wholeArray = false;
        var bracket = s.IndexOf('[', StringComparison.Ordinal);
        string number;
        if (bracket >= 0)
        {
            var close = s.IndexOf(']', bracket + 1);
            if (close < 0)
            {
                return false;
            }

            var inside = s.Substring(bracket + 1, close - bracket - 1);
            if (inside.Length == 0)
            {
                wholeArray = true;
            }
            else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                index = i;
            }
            else
            {
                return false;
            }

            var rest = s[(close + 1)..];
            if (rest.Length > 0 && rest[0] != '.')
            {
                return false;
            }

            number = s[..bracket];
        }
        else
        {
            var dot = s.IndexOf('.', StringComparison.Ordinal);
            number = dot >= 0 ? s[..dot] : s;
        }

        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return false;
        }

        reference = new JobReference(id, index, wholeArray);
        return true;
    }
}

/// <summary>A parsed job id: the job, and optionally one array element or the whole array (<c>ID[]</c>).</summary>
public readonly record struct JobReference(long JobId, int? ArrayIndex, bool WholeArray)
{
    public override string ToString() =>
        ArrayIndex is { } i ? JobIds.FormatTask(JobId, i) : JobIds.Format(JobId, WholeArray);
}
