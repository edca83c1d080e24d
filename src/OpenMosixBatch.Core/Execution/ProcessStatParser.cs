using System.Globalization;

namespace OpenMosixBatch.Core.Execution;

/// <summary>
/// Parses the text of /proc/PID/stat. Pure: the server, the nodes and the tests read the file themselves and share
/// this parse.
/// </summary>
/// <remarks>
/// Field 2 is the command name in parentheses, and a process may name itself anything, spaces and ')' included
/// (<c>12 (a) b) R …</c>). Every field after it is a number or the one-letter state, so the fields from 3 on are the
/// text after the LAST ')'.
/// </remarks>
public static class ProcessStatParser
{
    // Field n (n ≥ 3) is fields[n - 3] of the text after the command name.
    private const int StateField = 3 - 3;
    private const int ParentField = 4 - 3;
    private const int GroupField = 5 - 3;
    private const int UserTimeField = 14 - 3;
    private const int SystemTimeField = 15 - 3;
    private const int StartTimeField = 22 - 3;

    private static readonly char[] Separators = [' ', '\n'];

    /// <summary>The fields, or null when the text is not a /proc/PID/stat line (truncated, no command name, a non-number).</summary>
    public static ProcessStat? TryParse(string? text)
    {
        var open = text?.IndexOf('(', StringComparison.Ordinal) ?? -1;
        var close = text?.LastIndexOf(')') ?? -1;
        if (text is null || open < 0 || close < open)
        {
            return null;
        }

        var f = text[(close + 1)..].Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (f.Length <= StartTimeField || f[StateField].Length != 1
            || !TryInt(f[ParentField], out var parent)
            || !TryInt(f[GroupField], out var group)
            || !TryTicks(f[UserTimeField], out var user)
            || !TryTicks(f[SystemTimeField], out var system)
            || !TryTicks(f[StartTimeField], out var start))
        {
            return null;
        }

        return new ProcessStat(f[StateField][0], parent, group, unchecked(user + system), start);
    }

    /// <summary>The fields; a text that is not a /proc/PID/stat line throws <see cref="FormatException"/>.</summary>
    public static ProcessStat Parse(string text) =>
        TryParse(text) ?? throw new FormatException("malformed /proc/PID/stat: expected 'PID (COMMAND) STATE …' with at least 22 fields");

    private static bool TryInt(string s, out int value) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryTicks(string s, out ulong value) => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
