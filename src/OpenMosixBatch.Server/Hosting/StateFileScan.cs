using System.Buffers.Binary;
using System.Runtime.InteropServices;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Server.Backups;
using OpenMosixBatch.Server.Identity;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>
/// Lists OMB_HOME's state for <see cref="StateFileCheck"/>: the server's files, and every file and directory under
/// its state directories, without following links. The rest of the home (conf/, the socket, users' directories an
/// administrator keeps there) is not state and not looked at.
/// </summary>
public static partial class StateFileScan
{
    /// <summary>The spool, where the ranks keep their tasks' directories, packed checkpoints and sessions.</summary>
    public const string SpoolName = "spool";

    /// <summary>What the server writes directly in OMB_HOME (files and directories), by name.</summary>
    public static readonly IReadOnlyList<string> ServerNames =
    [
        OmbHome.DatabaseFileName, "omb-log.db", TokenStore.FileName, "world.json", "world.log", "world.pid", "world-shape.json",
        "nodes.json", "blackhole.json", BackupGenerations.DirectoryName, "checkpoints", "tunables",
    ];

    private const int NoSuchEntry = 2;
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Every state entry of <paramref name="home"/> that exists now.</summary>
    public static List<StateEntry> Entries(string home)
    {
        var entries = new List<StateEntry>();
        foreach (var name in ServerNames)
        {
            var top = Path.Combine(home, name);
            // The server's files are used through a link (an administrator may place the database elsewhere): follow it.
            if (Status(top, follow: true) is { } status)
            {
                entries.Add(new StateEntry(top, top, status.Mode, status.Owner, ServerOwned: true));
                if (status.Directory)
                {
                    AddTree(top, top, serverOwned: true, entries);
                }
            }
        }

        AddSpool(Path.Combine(home, SpoolName), entries);
        return entries;
    }

    /// <summary>
    /// The spool and each rank's directories in it. A task's own directory (spool/NODE/JOB-TASK) is its user's while
    /// it runs and is 0700 by construction, so it is not descended into; the packed checkpoints and the sessions are.
    /// </summary>
    private static void AddSpool(string spool, List<StateEntry> entries)
    {
        if (Status(spool, follow: true) is not { Directory: true } root)
        {
            return;
        }

        entries.Add(new StateEntry(spool, spool, root.Mode, root.Owner, ServerOwned: false));
        foreach (var path in Children(spool))
        {
            if (Status(path, follow: false) is not { Link: false } status)
            {
                continue;
            }

            entries.Add(new StateEntry(path, spool, status.Mode, status.Owner, ServerOwned: false));
            if (status.Directory && (path.EndsWith(".checkpoints", StringComparison.Ordinal) || path.EndsWith(".sessions", StringComparison.Ordinal)))
            {
                AddTree(path, spool, serverOwned: false, entries);
            }
        }
    }

    private static void AddTree(string directory, string top, bool serverOwned, List<StateEntry> entries)
    {
        foreach (var path in Children(directory))
        {
            // Not followed: a link in a state directory is not the server's, and its target is not state.
            if (Status(path, follow: false) is not { Link: false } status)
            {
                continue;
            }

            entries.Add(new StateEntry(path, top, status.Mode, status.Owner, serverOwned));
            if (status.Directory)
            {
                AddTree(path, top, serverOwned, entries);
            }
        }
    }

    private static IEnumerable<string> Children(string directory)
    {
        try
        {
            // Listed whole first: a running world may add and remove packed checkpoints meanwhile.
            return [.. Directory.EnumerateFileSystemEntries(directory)];
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException)
        {
            // Gone since it was seen, or a rank's (root's) directory the server's user cannot list: private either way.
            return [];
        }
    }

    /// <summary>statx(2): the permission bits, the owner and the kind; null when the entry does not exist (any more).</summary>
    private static (UnixFileMode Mode, uint Owner, bool Directory, bool Link)? Status(string path, bool follow)
    {
        Span<byte> statx = stackalloc byte[256];
        if (Statx(AtFdCwd, path, follow ? 0 : AtSymlinkNoFollow, StatxBasicStats, statx) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == NoSuchEntry ? null : throw new IOException($"cannot read the status of {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        // struct statx: stx_uid at byte 20, stx_mode (u16) at byte 28; the same layout on every architecture.
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(statx[20..]);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(statx[28..]);
        return ((UnixFileMode)(mode & 0xfff), uid, (mode & 0xf000) == 0x4000, (mode & 0xf000) == 0xa000);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, Span<byte> buffer);
}
