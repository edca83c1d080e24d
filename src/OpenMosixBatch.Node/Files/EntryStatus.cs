namespace OpenMosixBatch.Node.Files;

/// <summary>The status of one entry: its kind, owner, permission bits and size (the bytes of a regular file).</summary>
public readonly record struct EntryStatus(EntryKind Kind, uint Uid, UnixFileMode Mode, long Size)
{
    /// <summary>The kind in words, for a refusal the user reads ("a FIFO", "a symbolic link").</summary>
    public string Described => Kind switch
    {
        EntryKind.RegularFile => "a regular file",
        EntryKind.Directory => "a directory",
        EntryKind.SymbolicLink => "a symbolic link",
        EntryKind.Fifo => "a FIFO",
        EntryKind.Socket => "a socket",
        EntryKind.CharacterDevice => "a character device",
        EntryKind.BlockDevice => "a block device",
        _ => "of an unknown kind",
    };

    /// <summary>Maps the file-type bits of st_mode.</summary>
    internal static EntryKind KindOf(uint mode) => (mode & 0xF000) switch
    {
        0x8000 => EntryKind.RegularFile,
        0x4000 => EntryKind.Directory,
        0xA000 => EntryKind.SymbolicLink,
        0x1000 => EntryKind.Fifo,
        0xC000 => EntryKind.Socket,
        0x2000 => EntryKind.CharacterDevice,
        0x6000 => EntryKind.BlockDevice,
        _ => EntryKind.Unknown,
    };
}
