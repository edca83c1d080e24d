using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Parsing;

/// <summary>
/// Splits qsub's argv the PBS way: options stop at the first non-option (the script) or at '--' (a command), and
/// everything after belongs to the script or the command. CommandLineParser alone would read options anywhere and let
/// a repeatable option such as -l swallow the script's name, so it only ever sees the option tokens.
/// </summary>
public static class QsubArgumentSplitter
{
    public static QsubArguments Split(IReadOnlyList<string> args)
    {
        var options = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                return new QsubArguments(options, [], [.. args.Skip(i + 1)]);
            }

            if (token.Length < 2 || token[0] != '-')
            {
                return new QsubArguments(options, [.. args.Skip(i)], null);
            }

            options.Add(token);
            if (TakesSeparateValue(token) && i + 1 < args.Count)
            {
                options.Add(args[++i]);
            }
        }

        return new QsubArguments(options, [], null);
    }

    /// <summary>True for '-N' and '--server' (value in the next token), false for '-Nname', flags such as '-h' and other long options.</summary>
    private static bool TakesSeparateValue(string token) =>
        token == Connection.ServerSwitch.Name || token.Length == 2 && token[0] == '-' && token[1] != '-' && !QsubOptions.Flags.Contains(token[1]);
}
