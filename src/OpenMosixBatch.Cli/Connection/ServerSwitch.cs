namespace OpenMosixBatch.Cli.Connection;

/// <summary>
/// <c>--server HOST:PORT</c>: talk to a server's TCP listener with the user's token instead of the local Unix socket.
/// Accepted before the verb (<c>omb --server H:P qstat</c>) and among a verb's options (<c>qstat --server H:P -x</c>).
/// </summary>
public static class ServerSwitch
{
    public const string Name = "--server";

    /// <summary>The environment variable that does the same for every command.</summary>
    public const string EnvironmentVariable = "OMB_SERVER";

    /// <summary>Verbs that do not use the API client, or (omb node) use --server for a socket path of their own.</summary>
    // rsh and dsh take a command whose words are not theirs: a --server among them is the command's.
    private static readonly HashSet<string> LocalVerbs = ["server", "up", "demo", "link", "simulate", "rsh", "dsh", "pbs_tmrsh", "pbsdsh"];

    public static bool AppliesTo(string? verb, IReadOnlyList<string> args) =>
        verb is not null && !LocalVerbs.Contains(verb) && (verb != "node" || args is ["expel" or "add" or "remove" or "reload", ..]);

    /// <summary>The value of the last --server among <paramref name="tokens"/> before a '--', and the tokens without it.</summary>
    public static (string? Value, string[] Remaining) Take(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        string? value = null;
        var rest = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t == "--")
            {
                rest.AddRange(tokens.Skip(i));
                break;
            }

            if (t == Name)
            {
                if (i + 1 >= tokens.Count)
                {
                    throw CliFailureException.Usage($"option {Name} needs a value: use e.g. {Name} headnode:7070");
                }

                value = tokens[++i];
            }
            else if (t.StartsWith(Name + "=", StringComparison.Ordinal))
            {
                value = t[(Name.Length + 1)..];
            }
            else
            {
                rest.Add(t);
            }
        }

        return (value, [.. rest]);
    }

    /// <summary>A leading <c>--server H:P</c> before the verb of <c>omb</c>, and the argv after it.</summary>
    public static (string? Value, string[] Remaining) TakeLeading(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (argv.Count > 0 && (argv[0] == Name || argv[0].StartsWith(Name + "=", StringComparison.Ordinal)))
        {
            var (value, _) = Take(argv[0] == Name ? [.. argv.Take(2)] : [argv[0]]);
            return (value, [.. argv.Skip(argv[0] == Name ? 2 : 1)]);
        }

        return (null, [.. argv]);
    }
}
