using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenMosixBatch.Cli.Connection;

/// <summary>
/// The user's TCP token, <c>~/.omb/token</c>: written by <c>omb token</c> with mode 0600, and refused when anyone but
/// its owner could read or change it, or when it is not the caller's own (like ssh with a private key).
/// </summary>
public static partial class TokenFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>~/.omb/token of the user running omb (from $HOME).</summary>
    public static string DefaultPath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".omb", "token");

    /// <summary>Why the file may not be used, as "problem: fix", or null when it may (pure, for tests).</summary>
    public static string? Problem(string path, UnixFileMode mode, uint ownerUid, uint callerUid, bool regularFile)
    {
        if (!regularFile)
        {
            return $"the token file {path} is not a regular file: remove it and run 'omb token' on the server's host";
        }

        if (ownerUid != callerUid)
        {
            return $"the token file {path} belongs to uid {ownerUid}, not to you (uid {callerUid}): remove it and run 'omb token' as yourself on the server's host";
        }

        if ((mode & Others) != 0)
        {
            return $"the token file {path} is accessible to other users (mode {Octal(mode)}): run 'chmod 600 {path}', and 'omb token' on the server's host for a new token if someone may have read it";
        }

        return null;
    }

    /// <summary>The token in <paramref name="path"/>, or throws a usage error naming the problem and the fix.</summary>
    public static string Read(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CliFailureException.Usage($"no token file {path}: run 'omb token' on the server's host (it writes that file), or copy the file from there keeping mode 0600");
        }
        catch (UnauthorizedAccessException)
        {
            throw CliFailureException.Usage($"cannot read the token file {path}: it must be yours with mode 0600; run 'omb token' on the server's host as yourself");
        }

        using (handle)
        {
            // Checked on the open file, not the path, so the file cannot be swapped between the check and the read.
            var (mode, owner, regular) = Stat(handle);
            if (Problem(path, mode, owner, GetEffectiveUid(), regular) is { } problem)
            {
                throw CliFailureException.Usage(problem);
            }

            Span<byte> buffer = stackalloc byte[1024];
            var n = RandomAccess.Read(handle, buffer, 0);
            return System.Text.Encoding.UTF8.GetString(buffer[..n]).Trim();
        }
    }

    /// <summary>Writes the token as the calling user: a temporary file created 0600 in a 0700 directory, then renamed over the old one.</summary>
    public static void Write(string path, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temp = path + ".new";
        File.Delete(temp);
        using (var file = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(token + "\n"));
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1ff, 8);

    /// <summary>statx(2) on the descriptor (AT_EMPTY_PATH): the mode bits, the owner, and whether it is a regular file.</summary>
    private static (UnixFileMode Mode, uint Owner, bool Regular) Stat(SafeFileHandle handle)
    {
        const int AtEmptyPath = 0x1000;
        const uint StatxBasicStats = 0x7ff;
        Span<byte> statx = stackalloc byte[256];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (Statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxBasicStats, statx) != 0)
            {
                throw new IOException($"statx failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        // struct statx: stx_uid at byte 20, stx_mode (u16) at byte 28; the layout is the same on every architecture.
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(statx[20..]);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(statx[28..]);
        return ((UnixFileMode)(mode & 0xfff), uid, (mode & 0xf000) == 0x8000);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();
}
