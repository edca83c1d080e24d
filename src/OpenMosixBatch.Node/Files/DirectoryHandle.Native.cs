using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenMosixBatch.Node.Files;

// The libc calls behind DirectoryHandle. The flag values are Linux's; O_DIRECTORY and O_NOFOLLOW differ on ARM.
public sealed partial class DirectoryHandle
{
    private const int ReadOnly = 0;
    private const int WriteOnly = 1;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int NoControllingTerminal = 0x100;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int PathOnly = 0x200000;
    private const int CurrentDirectory = -100;
    private const int SymlinkNoFollow = 0x100;
    private const int RemoveDirectoryFlag = 0x200;
    private const int EmptyPath = 0x1000;
    private const uint BasicStats = 0x7FF;
    private const int NoSuchEntry = 2;
    private const int AlreadyExists = 17;

    private static readonly bool IsArm = RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64;
    private static readonly int DirectoryOnly = IsArm ? 0x4000 : 0x10000;
    private static readonly int NoFollow = IsArm ? 0x8000 : 0x20000;

    private static SafeFileHandle Check(int fd, string what) =>
        fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw Failure(what, Marshal.GetLastPInvokeError());

    private static IOException Failure(string what, int errno) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{what}: {Marshal.GetPInvokeErrorMessage(errno)}"), errno);

    private static EntryStatus? StatusAt(SafeFileHandle fd, string name, int flags)
    {
        Statx buffer = default;
        if (StatusX(fd, name, flags, BasicStats, ref buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == NoSuchEntry ? null : throw Failure($"cannot read the status of '{name}'", errno);
        }

        return StatusOf(buffer);
    }

    private static EntryStatus StatusOf(in Statx buffer) =>
        new(EntryStatus.KindOf(buffer.Mode), buffer.Uid, (UnixFileMode)(buffer.Mode & 0xFFF), (long)buffer.Size);

    /// <summary>struct statx, whose layout (unlike struct stat) is the same on every Linux architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(20)]
        public uint Uid;

        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(40)]
        public ulong Size;
    }

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(int directory, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(SafeFileHandle directory, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatusX(SafeFileHandle directory, string path, int flags, uint mask, ref Statx buffer);

    // The byte overloads take a name as the file system holds it (EntryName.Terminated), UTF-8 or not.
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int StatusX(SafeFileHandle directory, byte[] path, int flags, uint mask, ref Statx buffer);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    private static partial int OpenAt(SafeFileHandle directory, byte[] path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    private static partial int UnlinkAt(SafeFileHandle directory, byte[] path, int flags);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeDirectoryAt(SafeFileHandle directory, string path, uint mode);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int ChangeOwner(SafeFileHandle fd, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static partial int ChangeMode(SafeFileHandle fd, uint mode);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int Duplicate(SafeFileHandle fd);

    [LibraryImport("libc", EntryPoint = "fdopendir", SetLastError = true)]
    private static partial nint OpenDirectoryStream(int fd);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial nint ReadDirectory(nint stream);

    [LibraryImport("libc", EntryPoint = "rewinddir")]
    private static partial void RewindDirectory(nint stream);

    [LibraryImport("libc", EntryPoint = "closedir", SetLastError = true)]
    private static partial int CloseDirectory(nint stream);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
