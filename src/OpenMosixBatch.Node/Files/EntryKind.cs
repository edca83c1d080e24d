namespace OpenMosixBatch.Node.Files;

/// <summary>What a directory entry is, as lstat sees it (a link is never followed).</summary>
public enum EntryKind
{
    RegularFile,
    Directory,
    SymbolicLink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Unknown,
}
