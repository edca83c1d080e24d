namespace OpenMosixBatch.Cli.Parsing;

/// <summary>
/// Picks the verb: invoked as qsub (a symlink made by 'omb link') the whole argv belongs to qsub; invoked as omb the
/// first argument names the verb.
/// </summary>
public static class ArgvDispatch
{
    /// <summary>The PBS names omb answers to when invoked under them.</summary>
    public static readonly IReadOnlyList<string> PbsVerbs = ["qsub", "qstat", "qdel", "qhold", "qrls", "pbsnodes", "qselect", "qsig", "qrerun", "qmove", "tracejob", "qalter", "pbs_tmrsh", "pbsdsh"];

    /// <summary>Every verb omb knows.</summary>
    public static readonly IReadOnlyList<string> AllVerbs = [.. PbsVerbs, "link", "server", "up", "node", "demo", "cron", "tune", "migrate", "calibrate", "backup", "token", "top", "simulate", "rsh", "dsh", "report"];

    /// <returns>The verb (null when none was named, e.g. 'omb --help'), and the arguments that belong to it.</returns>
    public static (string? Verb, string[] Arguments) Resolve(string? invokedPath, IReadOnlyList<string> args)
    {
        var invoked = InvokedVerb(invokedPath);
        if (invoked is not null)
        {
            return (invoked, [.. args]);
        }

        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            return (args[0], [.. args.Skip(1)]);
        }

        return (null, [.. args]);
    }

    /// <summary>The PBS verb named by argv[0]'s file name, or null when omb was invoked under another name.</summary>
    public static string? InvokedVerb(string? invokedPath)
    {
        if (string.IsNullOrEmpty(invokedPath))
        {
            return null;
        }

        var name = Path.GetFileName(invokedPath);
        return PbsVerbs.Contains(name, StringComparer.Ordinal) ? name : null;
    }
}
