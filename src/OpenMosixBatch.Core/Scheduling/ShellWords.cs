using System.Text;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Scheduling;

/// <summary>
/// Splits one line into words the way a POSIX shell does for plain words and quotes (no expansion): blanks separate
/// words; <c>'…'</c> is literal; inside <c>"…"</c> a backslash escapes only <c>"</c> and <c>\</c>; outside quotes a
/// backslash escapes the next character. <see cref="Quote"/> writes a word back so that splitting gives it again.
/// </summary>
public static class ShellWords
{
    /// <summary>Splits <paramref name="line"/> into words; fails on an unterminated quote or a trailing backslash.</summary>
    public static ParseResult<IReadOnlyList<ShellWord>> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<ShellWord>();
        var current = new StringBuilder();
        var inWord = false;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is ' ' or '\t')
            {
                if (inWord)
                {
                    words.Add(new ShellWord(current.ToString(), quoted));
                    current.Clear();
                    inWord = false;
                    quoted = false;
                }

                continue;
            }

            inWord = true;
            switch (c)
            {
                case '\'':
                {
                    quoted = true;
                    var end = line.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        return Fail($"unterminated single quote at column {i + 1}: close it with ', e.g. 'my file.txt'");
                    }

                    current.Append(line, i + 1, end - i - 1);
                    i = end;
                    break;
                }

                case '"':
                {
                    quoted = true;
                    var start = i;
                    i++;
                    while (i < line.Length && line[i] != '"')
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
                        {
                            i++;
                        }

                        current.Append(line[i]);
                        i++;
                    }

                    if (i >= line.Length)
                    {
                        return Fail($"unterminated double quote at column {start + 1}: close it with \", e.g. \"my file.txt\"");
                    }

                    break;
                }

                case '\\':
                    quoted = true;
                    if (i + 1 >= line.Length)
                    {
                        return Fail("backslash at the end of the line: a line cannot continue on the next one; remove it or quote it as '\\'");
                    }

                    i++;
                    current.Append(line[i]);
                    break;

                default:
                    current.Append(c);
                    break;
            }
        }

        if (inWord)
        {
            words.Add(new ShellWord(current.ToString(), quoted));
        }

        return ParseResult<IReadOnlyList<ShellWord>>.Success(words);
    }

    /// <summary>The word as it must be written so that <see cref="Split"/> reads it back unchanged.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(IsPlain))
        {
            return word;
        }

        // Inside single quotes nothing is special but the quote itself, which is closed, escaped and reopened.
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static bool IsPlain(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ',' or ':' or '=' or '+' or '%' or '@';

    private static ParseResult<IReadOnlyList<ShellWord>> Fail(string error) => ParseResult<IReadOnlyList<ShellWord>>.Fail(error);
}
