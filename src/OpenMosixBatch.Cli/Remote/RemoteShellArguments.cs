namespace OpenMosixBatch.Cli.Remote;

/// <summary>
/// Reads <c>omb rsh</c>'s arguments as ssh's, since launchers call it in ssh's place: MPICH's Hydra runs
/// <c>LAUNCHER -x HOST "proxy command"</c>, Open MPI <c>LAUNCHER [-x] HOST command…</c>. The options that only shape an ssh
/// connection are accepted and ignored; the first other word is the node, the rest the command, which the node runs with
/// <c>/bin/sh -c</c> joined by spaces, as ssh does.
/// </summary>
public static class RemoteShellArguments
{
    private static readonly HashSet<string> Flags = ["-x", "-X", "-Y", "-q", "-T", "-t", "-tt", "-n", "-a", "-A", "-k", "-4", "-6", "-C", "-N", "-v"];
    private static readonly HashSet<string> WithValue = ["-o", "-p", "-l", "-i", "-F", "-E", "-c", "-m"];

    /// <returns>The node and the command words, or the usage error.</returns>
    public static (string? Node, IReadOnlyList<string> Command, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var i = 0;
        while (i < args.Count)
        {
            var a = args[i];
            if (a == "--")
            {
                i++;
                break;
            }

            if (Flags.Contains(a))
            {
                i++;
            }
            else if (WithValue.Contains(a))
            {
                i += 2;
            }
            else if (a.Length > 2 && a[0] == '-' && WithValue.Contains(a[..2]))
            {
                i++;
            }
            else if (a.StartsWith('-'))
            {
                return (null, [], $"unknown option '{a}': usage: omb rsh NODE COMMAND [ARGS...]");
            }
            else
            {
                break;
            }
        }

        if (i >= args.Count)
        {
            return (null, [], "no node given: usage: omb rsh NODE COMMAND [ARGS...] (a node from $PBS_NODEFILE)");
        }

        var node = args[i];
        // user@host, as an ssh launcher may pass it: the part runs as the job's user whatever the name says.
        node = node[(node.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var command = args.Skip(i + 1).ToList();
        return command.Count == 0
            ? (null, [], $"no command given for {node}: usage: omb rsh NODE COMMAND [ARGS...] (omb rsh has no interactive login)")
            : (node, command, null);
    }
}
