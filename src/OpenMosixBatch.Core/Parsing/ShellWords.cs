using System.Text;

namespace OpenMosixBatch.Core.Parsing;

/// <summary>Splits a line into words the way a POSIX shell does (quotes and backslashes), without expansion.</summary>
public static class ShellWords
{
    /// <summary>The words of <paramref name="line"/>; a word starting with an unquoted '#' ends the line (a comment).</summary>
    public static ParseResult<IReadOnlyList<string>> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                Flush();
                i++;
                continue;
            }

            if (c == '#' && !inWord)
            {
                break;
            }

            inWord = true;
            switch (c)
            {
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        return ParseResult<IReadOnlyList<string>>.Fail("unterminated ' quote");
                    }

                    word.Append(line, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                case '"':
                    i++;
                    while (true)
                    {
                        if (i >= line.Length)
                        {
                            return ParseResult<IReadOnlyList<string>>.Fail("unterminated \" quote");
                        }

                        if (line[i] == '"')
                        {
                            i++;
                            break;
                        }

                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        word.Append(line[i]);
                        i++;
                    }

                    break;
                case '\\':
                    if (i + 1 < line.Length)
                    {
                        word.Append(line[i + 1]);
                    }

                    i += 2;
                    break;
                default:
                    word.Append(c);
                    i++;
                    break;
            }
        }

        Flush();
        return ParseResult<IReadOnlyList<string>>.Success(words);

        void Flush()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }
    }
}
