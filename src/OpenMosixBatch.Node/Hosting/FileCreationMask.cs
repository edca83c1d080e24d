using System.Runtime.InteropServices;

namespace OpenMosixBatch.Node.Hosting;

/// <summary>
/// The rank's umask. What a rank writes in its spool (packed checkpoints, sessions, the task's node file before it is
/// handed over) holds users' state, so it is created for the rank's user only: 077 from the start, whatever umask the
/// rank was started with. That one is the tasks': a job's own files keep the umask its user expects.
/// </summary>
public static partial class FileCreationMask
{
    /// <summary>Group and others get no bit of a new file or directory.</summary>
    public const UnixFileMode Private = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Sets the umask to 077 for the rest of the rank's life; returns the one it was started with.</summary>
    public static UnixFileMode MakePrivate() => (UnixFileMode)SetMask((uint)Private);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetMask(uint mask);
}
