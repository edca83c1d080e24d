using System.Formats.Tar;
using System.Security.Cryptography;

namespace OpenMosixBatch.Node.Checkpoints;

/// <summary>
/// Packs a task's <c>$OMB_CHECKPOINT_DIR</c> into a tar and unpacks one back. Packing is deterministic (entries in
/// ordinal order of their paths, ustar headers with a fixed time, uid/gid 0 and no user names) so equal content gives
/// equal bytes and so an equal SHA-256. Unpacking checks the hash before it writes anything and refuses entries that
/// would land outside the directory or are not plain files and directories.
/// </summary>
public static class CheckpointArchive
{
    /// <summary>The fixed modification time of every entry (the Unix epoch).</summary>
    public static readonly DateTimeOffset EntryTime = DateTimeOffset.UnixEpoch;

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Packs <paramref name="directory"/> into <paramref name="archivePath"/>; returns the archive's SHA-256 (lower-case hex).</summary>
    public static string Pack(string directory, string archivePath)
    {
        var root = Path.GetFullPath(directory);
        var entries = Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(p => (Full: p, Name: Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        using (var output = new FileStream(archivePath, System.IO.FileMode.Create, FileAccess.Write, FileShare.None))
        using (var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (full, name) in entries)
            {
                var info = new FileInfo(full);
                if (info.LinkTarget is not null)
                {
                    throw new InvalidDataException($"checkpoint entry '{name}' is a symbolic link: write plain files into $OMB_CHECKPOINT_DIR");
                }

                var isDirectory = info.Attributes.HasFlag(FileAttributes.Directory);
                var entry = new UstarTarEntry(isDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, isDirectory ? name + "/" : name)
                {
                    ModificationTime = EntryTime,
                    Uid = 0,
                    Gid = 0,
                    UserName = string.Empty,
                    GroupName = string.Empty,
                    Mode = isDirectory ? DirectoryMode : FileMode | (info.UnixFileMode & UnixFileMode.UserExecute),
                };
                if (isDirectory)
                {
                    tar.WriteEntry(entry);
                    continue;
                }

                using var content = new FileStream(full, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                entry.DataStream = content;
                tar.WriteEntry(entry);
            }
        }

        return HashFile(archivePath);
    }

    /// <summary>
    /// Checks that <paramref name="archivePath"/> hashes to <paramref name="expectedSha256"/>, then unpacks it into
    /// <paramref name="directory"/> (created when missing). Throws <see cref="CheckpointCorruptException"/> on a hash
    /// mismatch and <see cref="InvalidDataException"/> on an entry that escapes the directory or is not a file or directory.
    /// </summary>
    public static void Unpack(string archivePath, string expectedSha256, string directory)
    {
        var actual = HashFile(archivePath);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new CheckpointCorruptException(expectedSha256, actual);
        }

        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        var prefix = root.EndsWith('/') ? root : root + "/";
        using var input = new FileStream(archivePath, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read);
        using var tar = new TarReader(input);
        while (tar.GetNextEntry() is { } entry)
        {
            var target = Path.GetFullPath(Path.Combine(root, entry.Name));
            if (Path.IsPathRooted(entry.Name) || !(target + "/").StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"checkpoint entry '{entry.Name}' would be written outside the checkpoint directory: the archive is refused");
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    entry.ExtractToFile(target, overwrite: true);
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
}
