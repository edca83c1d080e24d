using System.Text;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>User input as it may appear inside a one-line error: line breaks and other control characters shown as '?', long text cut.</summary>
public static class InputText
{
    /// <summary>Long enough to recognise what was typed, short enough that a 100 MB value does not become the message.</summary>
    public const int DefaultMaxLength = 80;

    public static string Quote(string? text, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cut = text.Length > maxLength;
        var shown = cut ? text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)] : text;
        if (!cut && !shown.Any(IsUnsafe))
        {
            return text;
        }

        var sb = new StringBuilder(shown.Length + 1);
        foreach (var c in shown)
        {
            sb.Append(IsUnsafe(c) ? '?' : c);
        }

        return cut ? sb.Append('…').ToString() : sb.ToString();
    }

    /// <summary>Control characters, and the Unicode line and paragraph separators some terminals break lines on.</summary>
    private static bool IsUnsafe(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
