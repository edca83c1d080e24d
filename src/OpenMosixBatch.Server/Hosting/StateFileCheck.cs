namespace OpenMosixBatch.Server.Hosting;

/// <summary>
/// Decides whether the server may run on OMB_HOME's state as found: the database, its backups, the checkpoints and the
/// spool hold every user's scripts, environments and task state, so no other user may read or change them. Pure: the
/// entries come from <see cref="StateFileScan"/>.
/// </summary>
/// <remarks>
/// The server never opens up a file it made (its umask is 077), so an entry open to others was made by an older
/// version or by hand. It is refused rather than silently changed: whoever could read it may have, and the
/// administrator should know. Execute alone is allowed: users pass through the spool to their own tasks' directories.
/// </remarks>
public static class StateFileCheck
{
    /// <summary>The bits that let group or others read or change an entry.</summary>
    public const UnixFileMode OpenToOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Null when every entry is private to <paramref name="serverUid"/>; otherwise one line naming the first problem and the fix for all.</summary>
    public static string? Problem(IReadOnlyList<StateEntry> entries, uint serverUid)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var foreign = entries.Where(e => e.ServerOwned && e.Owner != serverUid).ToList();
        if (foreign.Count > 0)
        {
            var first = foreign[0];
            return $"{first.Path} belongs to uid {first.Owner}, not to the server's user (uid {serverUid}), and OMB_HOME's state must be the server's alone: run 'chown -R {serverUid} {Tops(foreign)}', then start the server again";
        }

        var open = entries.Where(e => (e.Mode & OpenToOthers) != 0).ToList();
        if (open.Count > 0)
        {
            var first = open[0];
            return $"{first.Path} is {Access(first.Mode)} by other users (mode {Octal(first.Mode)}), and OMB_HOME's state holds every user's jobs: run 'chmod -R go-rwx {Tops(open)}', then start the server again (it makes its new files private itself)";
        }

        return null;
    }

    private static string Tops(List<StateEntry> entries) => string.Join(' ', entries.Select(e => e.Top).Distinct(StringComparer.Ordinal));

    private static string Access(UnixFileMode mode) =>
        (mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) == 0 ? "writable"
        : (mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0 ? "readable"
        : "readable and writable";

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0xfff, 8).PadLeft(4, '0');
}
