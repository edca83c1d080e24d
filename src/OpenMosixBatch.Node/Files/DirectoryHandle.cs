using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenMosixBatch.Node.Files;

/// <summary>
/// A directory opened once and then used by its file descriptor: every entry is reached relative to it (openat and
/// friends), never through a symbolic link and never by a path looked up twice, so a link that a user swaps into
/// the tree meanwhile cannot lead outside it. The node packs, unpacks and deletes its users' checkpoint directories
/// this way, as root.
/// </summary>
/// <remarks>
/// Files are opened in two steps: O_PATH (which opens nothing: no FIFO can block, no device driver is called), then,
/// once that handle is known to be a regular file, a real open of the same inode through /proc/self/fd. A directory
/// is opened with O_DIRECTORY, which the kernel refuses for anything else before opening it.
/// </remarks>
public sealed partial class DirectoryHandle : IDisposable
{
    private readonly SafeFileHandle _fd;

    private DirectoryHandle(SafeFileHandle fd) => _fd = fd;

    /// <summary>
    /// Opens the directory that holds <paramref name="path"/> (resolved as usual: it is the node's, like the spool)
    /// and returns it with the last component's name, which the caller reaches without following a link.
    /// </summary>
    public static DirectoryHandle OpenContaining(string path, out string name)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var parent = Path.GetDirectoryName(full) ?? throw new IOException($"'{path}' has no parent directory");
        name = Path.GetFileName(full);
        return new DirectoryHandle(Check(OpenAt(CurrentDirectory, parent, ReadOnly | DirectoryOnly | CloseOnExec, 0), $"cannot open directory '{parent}'"));
    }

    /// <summary>Opens <paramref name="path"/>, refusing it when its last component is a symbolic link or not a directory.</summary>
    public static DirectoryHandle Open(string path)
    {
        using var parent = OpenContaining(path, out var name);
        return parent.OpenDirectory(name);
    }

    /// <summary>The status of this directory itself.</summary>
    public EntryStatus Status() => StatusAt(_fd, "", EmptyPath | SymlinkNoFollow) ?? throw new IOException("an open directory has no status");

    /// <summary>The status of the entry <paramref name="name"/> (a link is described, not followed); null when there is none.</summary>
    public EntryStatus? StatusOf(string name) => StatusAt(_fd, name, SymlinkNoFollow);

    /// <summary>The entries in the directory as their bytes, without . and .. (in the order the file system returns them).</summary>
    public unsafe List<EntryName> Entries()
    {
        var copy = Duplicate(_fd);
        if (copy < 0)
        {
            throw Failure("cannot list a directory", Marshal.GetLastPInvokeError());
        }

        var stream = OpenDirectoryStream(copy);
        if (stream == 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = Close(copy);
            throw Failure("cannot list a directory", errno);
        }

        try
        {
            // The copy shares the file offset with _fd: start from the top whatever listed it before.
            var names = new List<EntryName>();
            RewindDirectory(stream);
            while (ReadDirectory(stream) is var entry and not 0)
            {
                // struct dirent: d_ino (8), d_off (8), d_reclen (2), d_type (1), then d_name, on every 64-bit Linux.
                var bytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)entry + 19);
                if (!bytes.SequenceEqual("."u8) && !bytes.SequenceEqual(".."u8))
                {
                    names.Add(new EntryName(bytes));
                }
            }

            return names;
        }
        finally
        {
            _ = CloseDirectory(stream);
        }
    }

    /// <summary>The status of the entry <paramref name="name"/> (a link is described, not followed); null when there is none.</summary>
    public EntryStatus? StatusOf(EntryName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Statx buffer = default;
        return StatusX(_fd, name.Terminated, SymlinkNoFollow, BasicStats, ref buffer) == 0
            ? StatusOf(buffer)
            : Marshal.GetLastPInvokeError() is var errno && errno == NoSuchEntry ? null : throw Failure($"cannot read the status of '{name}'", errno);
    }

    /// <summary>Opens the subdirectory <paramref name="name"/>; an IOException when it is a link, not a directory, or gone.</summary>
    public DirectoryHandle OpenDirectory(EntryName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(Check(OpenAt(_fd, name.Terminated, ReadOnly | DirectoryOnly | NoFollow | CloseOnExec, 0), $"cannot open '{name}' as a directory (a symbolic link is never followed)"));
    }

    /// <summary>Removes the entry <paramref name="name"/> (an empty directory when <paramref name="directory"/>); a link is removed, never followed.</summary>
    public void Remove(EntryName name, bool directory)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (UnlinkAt(_fd, name.Terminated, directory ? RemoveDirectoryFlag : 0) != 0 && Marshal.GetLastPInvokeError() is var errno and not NoSuchEntry)
        {
            throw Failure($"cannot remove '{name}'", errno);
        }
    }

    /// <summary>Opens the subdirectory <paramref name="name"/>; an IOException when it is a link, not a directory, or gone.</summary>
    public DirectoryHandle OpenDirectory(string name) =>
        new(Check(OpenAt(_fd, name, ReadOnly | DirectoryOnly | NoFollow | CloseOnExec, 0), $"cannot open '{name}' as a directory (a symbolic link is never followed)"));

    /// <summary>
    /// Opens <paramref name="name"/> for reading when it is a regular file; null (with what it is in
    /// <paramref name="status"/>) when it is anything else, which is then never opened.
    /// </summary>
    public SafeFileHandle? OpenRegularFile(string name, out EntryStatus status)
    {
        using var path = Check(OpenAt(_fd, name, PathOnly | NoFollow | CloseOnExec, 0), $"cannot open '{name}'");
        status = StatusAt(path, "", EmptyPath | SymlinkNoFollow) ?? throw new IOException($"'{name}' has no status");
        if (status.Kind != EntryKind.RegularFile)
        {
            return null;
        }

        var self = string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{path.DangerousGetHandle()}");
        return Check(OpenAt(CurrentDirectory, self, ReadOnly | NonBlocking | NoControllingTerminal | CloseOnExec, 0), $"cannot open '{name}'");
    }

    /// <summary>Creates the file <paramref name="name"/> for writing; an IOException when anything (a link included) is there already.</summary>
    public SafeFileHandle CreateFile(string name, UnixFileMode mode)
    {
        var file = Check(OpenAt(_fd, name, WriteOnly | Create | Exclusive | NoFollow | CloseOnExec, (uint)mode), $"cannot create '{name}'");
        if (ChangeMode(file, (uint)mode) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            file.Dispose();
            throw Failure($"cannot set the mode of '{name}'", errno);
        }

        return file;
    }

    /// <summary>Creates the subdirectory <paramref name="name"/> (or takes the directory already there, never a link) and opens it.</summary>
    public DirectoryHandle CreateDirectory(string name, UnixFileMode mode)
    {
        if (MakeDirectoryAt(_fd, name, (uint)mode) != 0 && Marshal.GetLastPInvokeError() is var errno and not AlreadyExists)
        {
            throw Failure($"cannot create directory '{name}'", errno);
        }

        return OpenDirectory(name);
    }

    /// <summary>Makes this directory <paramref name="uid"/>:<paramref name="gid"/>'s with <paramref name="mode"/>, so that its former owner can no longer change what is in it.</summary>
    public void TakeBack(uint uid, uint gid, UnixFileMode mode)
    {
        if (ChangeOwner(_fd, uid, gid) != 0 || ChangeMode(_fd, (uint)mode) != 0)
        {
            throw Failure(string.Create(CultureInfo.InvariantCulture, $"cannot give a directory back to uid {uid}"), Marshal.GetLastPInvokeError());
        }
    }

    public void Dispose() => _fd.Dispose();
}
