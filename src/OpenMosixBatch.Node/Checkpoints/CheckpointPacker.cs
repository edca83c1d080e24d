using System.Formats.Tar;
using System.Globalization;
using Microsoft.Win32.SafeHandles;
using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Core.Parsing;
using OpenMosixBatch.Node.Files;

namespace OpenMosixBatch.Node.Checkpoints;

/// <summary>
/// Writes one checkpoint directory into a tar (see <see cref="CheckpointArchive.Pack"/>): depth first, the names of
/// each directory in ordinal order, GNU headers (any name length, any file size) with a fixed time, uid/gid 0 and no
/// user names. Whatever stops it is an <see cref="InvalidDataException"/> that names the entry and the problem.
/// </summary>
/// <remarks>
/// GNU rather than ustar, whose 100-byte names and 8 GiB sizes a task's files may exceed; rather than PAX, whose
/// extended headers .NET names after the writing process (PaxHeaders.PID), which would make equal content hash
/// differently on every node.
/// </remarks>
internal sealed class CheckpointPacker(TarWriter tar, Stream output, uint? owner, long maxBytes)
{
    /// <summary>Packs the directory <paramref name="top"/> (the checkpoint directory itself).</summary>
    public void PackTree(DirectoryHandle top)
    {
        CheckOwner(".", top.Status());
        PackDirectory(top, "", 1);
    }

    /// <summary>Refuses an archive that has grown over the limit (its headers and end blocks included).</summary>
    public void CheckFinalSize(long bytes)
    {
        if (bytes > maxBytes)
        {
            throw OverLimit(string.Create(CultureInfo.InvariantCulture, $"the archive of its {bytes} bytes of files and headers"));
        }
    }

    private void PackDirectory(DirectoryHandle directory, string prefix, int depth)
    {
        var entries = directory.Entries();
        var names = new List<string>(entries.Count);
        foreach (var entry in entries)
        {
            names.Add(entry.Text ?? throw new InvalidDataException(
                $"checkpoint entry '{prefix}{entry.Shown}' has a name that is not UTF-8, which the archive cannot hold: name your files in UTF-8 in $OMB_CHECKPOINT_DIR"));
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = prefix + name;
            try
            {
                PackEntry(directory, name, path, depth);
            }
            catch (Exception e) when (e is not InvalidDataException)
            {
                // Whatever else fails (the tar writer, the disk, the file system) still names the entry it failed on.
                throw new InvalidDataException($"checkpoint entry '{path}' could not be packed: {e.Message}", e);
            }
        }
    }

    private void PackEntry(DirectoryHandle directory, string name, string path, int depth)
    {
        var status = directory.StatusOf(name) ?? throw Changed(path);
        if (status.Kind == EntryKind.Directory)
        {
            if (depth >= CheckpointArchive.MaxDepth)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"checkpoint entry '{path}' lies {depth} directories deep, more than the {CheckpointArchive.MaxDepth - 1} a checkpoint may nest: keep $OMB_CHECKPOINT_DIR shallower"));
            }

            using var sub = OpenListed(directory, name, path);
            CheckOwner(path, sub.Status());
            Write(Entry(TarEntryType.Directory, path + "/", CheckpointArchive.DirectoryMode), path, 0);
            PackDirectory(sub, path + "/", depth + 1);
            return;
        }

        if (status.Kind != EntryKind.RegularFile)
        {
            throw Refused(path, status);
        }

        var file = OpenListed(directory, name, path, out var opened) ?? throw Refused(path, opened);
        using var content = new FileSnapshotStream(file, opened.Size, path);
        CheckOwner(path, opened);
        var entry = Entry(TarEntryType.RegularFile, path, CheckpointArchive.FileMode | (opened.Mode & UnixFileMode.UserExecute));
        entry.DataStream = content;
        Write(entry, path, opened.Size);
    }

    /// <summary>
    /// Writes an entry whose data is <paramref name="bytes"/> long, once the archive has room for it: the size is the
    /// file's apparent size (st_size of the opened file), so a sparse file is refused before any of it is read.
    /// </summary>
    private void Write(TarEntry entry, string path, long bytes)
    {
        if (output.Position + bytes > maxBytes)
        {
            throw OverLimit(string.Create(CultureInfo.InvariantCulture,
                $"entry '{path}' ({bytes} bytes at its apparent size, a sparse file counting in full) after {output.Position} bytes"));
        }

        tar.WriteEntry(entry);
    }

    private InvalidDataException OverLimit(string what) => new(
        $"checkpoint is larger than the limit of {SizeParser.Format(maxBytes)} ({CheckpointSizeLimit.Key}) at {what}: keep $OMB_CHECKPOINT_DIR smaller, or ask the administrator to raise {CheckpointSizeLimit.Key}");

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

    private static GnuTarEntry Entry(TarEntryType type, string name, UnixFileMode mode) => new(type, name)
    {
        ModificationTime = CheckpointArchive.EntryTime,
        Uid = 0,
        Gid = 0,
        UserName = string.Empty,
        GroupName = string.Empty,
        Mode = mode,
    };

    private void CheckOwner(string path, EntryStatus status)
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
}
