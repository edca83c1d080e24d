using System.Formats.Tar;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Node.Files;

namespace OpenMosixBatch.Node.Checkpoints;

/// <summary>
/// Packs a task's <c>$OMB_CHECKPOINT_DIR</c> into a tar and unpacks one back. Packing is deterministic (see
/// <see cref="CheckpointPacker"/>) so equal content gives equal bytes and so an equal SHA-256. Unpacking checks the hash
/// before it writes anything and refuses entries that would land outside the directory or are not plain files and
/// directories.
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

    /// <summary>
    /// How deep a checkpoint may nest directories: far beyond what a real state needs, and well inside
    /// <see cref="DirectoryTree.MaxDepth"/>, so what is packed and restored can also be deleted, and the walk's descriptors
    /// and stack stay bounded.
    /// </summary>
    public const int MaxDepth = 256;

    internal const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    internal const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Packs <paramref name="directory"/> into <paramref name="archivePath"/>; returns the archive's SHA-256 (lower-case
    /// hex). With <paramref name="owner"/>, every entry must belong to that uid (the task's user): a hard link to
    /// someone else's file is refused, not read with the node's rights. An archive that would grow over
    /// <paramref name="maxBytes"/> (files at their apparent size) is refused before the entry that would cross it.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// Anything that stops the pack, with the entry and the problem: an entry that is not a plain file or directory, is
    /// not the owner's, has a name that is not UTF-8, nests too deep, or would cross the limit; or a failure of the disk.
    /// </exception>
    /// <exception cref="IOException">The directory itself cannot be opened (a link, or gone).</exception>
    public static string Pack(string directory, string archivePath, uint? owner = null, long maxBytes = CheckpointSizeLimit.DefaultBytes)
    {
        using (var top = DirectoryHandle.Open(directory))
        using (var output = new FileStream(archivePath, System.IO.FileMode.Create, FileAccess.Write, FileShare.None))
        {
            CheckpointPacker packer;
            using (var tar = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true))
            {
                packer = new CheckpointPacker(tar, output, owner, maxBytes);
                packer.PackTree(top);
            }

            // The end-of-archive blocks are written at the writer's disposal.
            packer.CheckFinalSize(output.Length);
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
