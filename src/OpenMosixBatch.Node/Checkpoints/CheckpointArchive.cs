using System.Formats.Tar;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using OpenMosixBatch.Node.Files;

namespace OpenMosixBatch.Node.Checkpoints;

/// <summary>
/// Packs a task's <c>$OMB_CHECKPOINT_DIR</c> into a tar and unpacks one back. Packing is deterministic (entries depth
/// first, the names of each directory in ordinal order, ustar headers with a fixed time, uid/gid 0 and no user names)
/// so equal content gives equal bytes and so an equal SHA-256. Unpacking checks the hash before it writes anything
/// and refuses entries that would land outside the directory or are not plain files and directories.
/// </summary>
/// <remarks>
/// The node does both as root in a directory its user may still be changing (a process of the task left running
/// with its working directory inside), so both go through <see cref="DirectoryHandle"/>: nothing is reached through
/// a symbolic link or by a path looked up twice, and a FIFO, socket or device is refused without being opened.
/// </remarks>
public static class CheckpointArchive
{
    /// <summary>The fixed modification time of every entry (the Unix epoch).</summary>
    public static readonly DateTimeOffset EntryTime = DateTimeOffset.UnixEpoch;

    /// <summary>The longest entry name (in UTF-8 bytes) a ustar header holds: a 155-byte prefix, '/', a 100-byte name.</summary>
    public const int MaxNameBytes = 255;

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Packs <paramref name="directory"/> into <paramref name="archivePath"/>; returns the archive's SHA-256 (lower-case
    /// hex). With <paramref name="owner"/>, every entry must belong to that uid (the task's user): a hard link to
    /// someone else's file is refused, not read with the node's rights.
    /// </summary>
    /// <exception cref="InvalidDataException">An entry is not a plain file or directory, or is not the owner's.</exception>
    public static string Pack(string directory, string archivePath, uint? owner = null)
    {
        using (var top = DirectoryHandle.Open(directory))
        using (var output = new FileStream(archivePath, System.IO.FileMode.Create, FileAccess.Write, FileShare.None))
        using (var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            CheckOwner(".", top.Status(), owner);
            PackDirectory(top, "", tar, owner);
        }

        return HashFile(archivePath);
    }

    /// <summary>
    /// Checks that <paramref name="archivePath"/> hashes to <paramref name="expectedSha256"/>, then unpacks it into
    /// <paramref name="directory"/> (created when missing). Throws <see cref="CheckpointCorruptException"/> on a hash
    /// mismatch and <see cref="InvalidDataException"/> on an entry that escapes the directory, is not a file or
    /// directory, or meets anything already there but a directory (a planted link is never written through).
    /// </summary>
    public static void Unpack(string archivePath, string expectedSha256, string directory)
    {
        var actual = HashFile(archivePath);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new CheckpointCorruptException(expectedSha256, actual);
        }

        Directory.CreateDirectory(directory);
        using var top = DirectoryHandle.Open(directory);
        using var input = new FileStream(archivePath, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read);
        using var tar = new TarReader(input);
        while (tar.GetNextEntry() is { } entry)
        {
            var parts = PartsOf(entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    OpenParent(top, parts, parts.Count).Dispose();
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile when parts.Count > 0:
                    Extract(top, parts, entry);
                    break;
                default:
                    throw new InvalidDataException($"checkpoint entry '{entry.Name}' is a {entry.EntryType}: only files and directories are restored, the archive is refused");
            }
        }
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string HashFile(string path)
    {
        using var stream = new FileStream(path, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void PackDirectory(DirectoryHandle directory, string prefix, TarWriter tar, uint? owner)
    {
        var names = directory.Names();
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = prefix + name;
            if (Encoding.UTF8.GetByteCount(path) + 1 > MaxNameBytes)
            {
                throw new InvalidDataException($"checkpoint entry '{path}' has a path longer than {MaxNameBytes - 1} bytes, more than the archive holds: use shorter names in $OMB_CHECKPOINT_DIR");
            }

            var status = directory.StatusOf(name) ?? throw Changed(path);
            if (status.Kind == EntryKind.Directory)
            {
                using var sub = OpenListed(directory, name, path);
                CheckOwner(path, sub.Status(), owner);
                tar.WriteEntry(Entry(TarEntryType.Directory, path + "/", DirectoryMode));
                PackDirectory(sub, path + "/", tar, owner);
                continue;
            }

            if (status.Kind != EntryKind.RegularFile)
            {
                throw Refused(path, status);
            }

            var file = OpenListed(directory, name, path, out var opened) ?? throw Refused(path, opened);
            using var content = new FileSnapshotStream(file, opened.Size, path);
            CheckOwner(path, opened, owner);
            var entry = Entry(TarEntryType.RegularFile, path, FileMode | (opened.Mode & UnixFileMode.UserExecute));
            entry.DataStream = content;
            tar.WriteEntry(entry);
        }
    }

    private static DirectoryHandle OpenListed(DirectoryHandle directory, string name, string path)
    {
        try
        {
            return directory.OpenDirectory(name);
        }
        catch (IOException)
        {
            throw Changed(path);
        }
    }

    private static SafeFileHandle? OpenListed(DirectoryHandle directory, string name, string path, out EntryStatus status)
    {
        try
        {
            return directory.OpenRegularFile(name, out status);
        }
        catch (IOException)
        {
            throw Changed(path);
        }
    }

    private static UstarTarEntry Entry(TarEntryType type, string name, UnixFileMode mode) => new(type, name)
    {
        ModificationTime = EntryTime,
        Uid = 0,
        Gid = 0,
        UserName = string.Empty,
        GroupName = string.Empty,
        Mode = mode,
    };

    private static void CheckOwner(string path, EntryStatus status, uint? owner)
    {
        if (owner is { } uid && status.Uid != uid)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"checkpoint entry '{path}' belongs to uid {status.Uid}, not to the task's user (uid {uid}): it is not packed; keep only your own files in $OMB_CHECKPOINT_DIR"));
        }
    }

    private static InvalidDataException Refused(string path, EntryStatus status) =>
        new($"checkpoint entry '{path}' is {status.Described}: write only plain files and directories into $OMB_CHECKPOINT_DIR");

    private static InvalidDataException Changed(string path) =>
        new($"checkpoint entry '{path}' was replaced or removed while it was packed: a process of the task is still changing $OMB_CHECKPOINT_DIR after its checkpoint exit");

    /// <summary>The components of an entry's name, refused when it is absolute or climbs with '..'.</summary>
    private static List<string> PartsOf(string name)
    {
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (name.StartsWith('/') || parts.Contains(".."))
        {
            throw new InvalidDataException($"checkpoint entry '{name}' would be written outside the checkpoint directory: the archive is refused");
        }

        return parts;
    }

    /// <summary>Opens (creating as needed) the directory of the first <paramref name="count"/> components, one at a time from the top.</summary>
    private static DirectoryHandle OpenParent(DirectoryHandle top, List<string> parts, int count)
    {
        // A second handle on the top, so that each step below can dispose the one before it.
        var current = top.OpenDirectory(".");
        try
        {
            for (var i = 0; i < count; i++)
            {
                var next = current.CreateDirectory(parts[i], DirectoryMode);
                current.Dispose();
                current = next;
            }

            return current;
        }
        catch (IOException e)
        {
            current.Dispose();
            throw new InvalidDataException($"checkpoint entry '{string.Join('/', parts)}' meets something that is not a directory in the checkpoint directory: the archive is refused ({e.Message})", e);
        }
    }

    private static void Extract(DirectoryHandle top, List<string> parts, TarEntry entry)
    {
        using var parent = OpenParent(top, parts, parts.Count - 1);
        SafeFileHandle handle;
        try
        {
            handle = parent.CreateFile(parts[^1], FileMode | (entry.Mode & UnixFileMode.UserExecute));
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"checkpoint entry '{entry.Name}' cannot be created in the checkpoint directory (something is there already): the archive is refused ({e.Message})", e);
        }

        using var file = new FileStream(handle, FileAccess.Write);
        entry.DataStream?.CopyTo(file);
    }
}
