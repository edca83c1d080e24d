namespace OpenMosixBatch.Node.Files;

/// <summary>
/// Whole-tree operations on a directory a user can write (a task's spool directory), done through
/// <see cref="DirectoryHandle"/> so that no symbolic link swapped in while they run is ever followed.
/// </summary>
public static class DirectoryTree
{
    /// <summary>
    /// How deep a tree is walked. A user can nest directories without end; the walk holds one descriptor and one
    /// stack frame per level, so it stops (deleting: fails) below this rather than exhaust either.
    /// </summary>
    public const int MaxDepth = 512;

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Deletes <paramref name="path"/> and everything below it; nothing when it does not exist. Run as root, each
    /// directory is first made root's and private, so its user can no longer add to it while it is emptied.
    /// </summary>
    /// <exception cref="IOException">An entry could not be removed, or the tree is deeper than <see cref="MaxDepth"/>.</exception>
    public static void Delete(string path)
    {
        if (!Directory.Exists(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)))))
        {
            return;
        }

        using var parent = DirectoryHandle.OpenContaining(path, out var name);
        DeleteEntry(parent, EntryName.Of(name), 0, Environment.IsPrivilegedProcess);
    }

    /// <summary>Bytes of the regular files below <paramref name="path"/> (0 when it is missing or is not a directory); nothing is opened but directories.</summary>
    public static long FileBytes(string path)
    {
        using var parent = DirectoryHandle.OpenContaining(path, out var name);
        if (parent.StatusOf(name) is not { Kind: EntryKind.Directory })
        {
            return 0;
        }

        using var top = parent.OpenDirectory(name);
        return FileBytes(top, 0);
    }

    private static long FileBytes(DirectoryHandle directory, int depth)
    {
        var total = 0L;
        foreach (var name in directory.Entries())
        {
            switch (directory.StatusOf(name))
            {
                case { Kind: EntryKind.RegularFile } file:
                    total += file.Size;
                    break;
                case { Kind: EntryKind.Directory } when depth < MaxDepth:
                    try
                    {
                        using var sub = directory.OpenDirectory(name);
                        total += FileBytes(sub, depth + 1);
                    }
                    catch (IOException)
                    {
                        // Replaced or removed since it was listed: the task is changing its files; counts as empty.
                    }

                    break;
            }
        }

        return total;
    }

    // Names go as the file system's bytes: one that is not UTF-8 is removed like any other, never left behind.
    private static void DeleteEntry(DirectoryHandle parent, EntryName name, int depth, bool root)
    {
        if (parent.StatusOf(name) is not { } status)
        {
            return;
        }

        if (status.Kind == EntryKind.Directory)
        {
            if (depth >= MaxDepth)
            {
                throw new IOException($"'{name}' lies deeper than {MaxDepth} directories: it is left for the administrator to remove");
            }

            using var directory = parent.OpenDirectory(name);
            if (root)
            {
                directory.TakeBack(0, 0, Private);
            }

            foreach (var entry in directory.Entries())
            {
                DeleteEntry(directory, entry, depth + 1, root);
            }
        }

        parent.Remove(name, status.Kind == EntryKind.Directory);
    }
}
