using System.Runtime.InteropServices;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>
/// The server's umask. Everything it writes in OMB_HOME (the database and its log, backups, checkpoints, tokens, the
/// world's record and log) holds users' scripts, environments or state, so it is created for the server's user only:
/// the mask is 077 from the start, whatever umask the server was started with, rather than a mode at each call site
/// (LiteDB opens its own files). The world it launches gets the mask it was started with back: the ranks make their
/// own files private and hand that mask to the users' tasks.
/// </summary>
public static partial class FileCreationMask
{
    /// <summary>Group and others get no bit of a new file or directory.</summary>
    public const UnixFileMode Private = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static UnixFileMode? s_inherited;

    /// <summary>The umask this process was started with (its current one until <see cref="MakePrivate"/> ran).</summary>
    public static UnixFileMode Inherited => s_inherited ?? Current();

    /// <summary>Sets the umask to 077 for the rest of the process's life, keeping the one it replaced.</summary>
    public static void MakePrivate()
    {
        var previous = (UnixFileMode)SetMask((uint)Private);
        s_inherited ??= previous;
    }

    /// <summary>The mask as umask(1) takes it, e.g. 0022.</summary>
    public static string Octal(UnixFileMode mask) => Convert.ToString((int)mask & 0x1ff, 8).PadLeft(4, '0');

    // Read from /proc rather than by setting and restoring it, which would briefly change it under other threads.
    private static UnixFileMode Current() => (UnixFileMode)File.ReadLines("/proc/self/status")
        .Where(l => l.StartsWith("Umask:", StringComparison.Ordinal))
        .Select(l => Convert.ToInt32(l["Umask:".Length..].Trim(), 8))
        .DefaultIfEmpty(Convert.ToInt32("022", 8))
        .First();

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetMask(uint mask);
}
