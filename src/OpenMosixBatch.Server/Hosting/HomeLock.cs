using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenMosixBatch.Server.Hosting;

/// <summary>
/// OMB_HOME/server.lock, held (flock, exclusive) by the one server of a home for as long as it runs: a second server
/// on the same home would supervise a second world beside the first, and both would run the same tasks. The kernel
/// releases the lock when the server dies however it dies (kill -9 included), so a crashed server never blocks the next.
/// </summary>
/// <remarks>
/// The socket probe of <see cref="SocketGuard"/> cannot tell: a server whose socket file was removed, or one too busy to
/// accept, looks absent. The lock is also not inherited by the world (.NET opens files close-on-exec), so a world that
/// outlives its server does not keep the next server out: that one adopts it.
/// </remarks>
public sealed partial class HomeLock : IDisposable
{
    public const string FileName = "server.lock";
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int ReadWrite = 2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;
    private readonly FileStream _file;

    private HomeLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of <paramref name="home"/>; null, with why not in <paramref name="refusal"/>, when another server holds it.</summary>
    /// <exception cref="IOException">The lock file could not be opened.</exception>
    public static HomeLock? TryTake(string home, out string? refusal)
    {
        var path = Path.Combine(home, FileName);
        // open(2) itself, not FileStream's: .NET takes a flock of its own on open, which would refuse the second server
        // before it could read the holder's PID. O_CLOEXEC keeps the lock out of the world this server launches.
        var fd = Open(path, ReadWrite | Create | CloseOnExec, 0b110_000_000);
        if (fd < 0)
        {
            throw new IOException($"cannot open {path} (errno {Marshal.GetLastPInvokeError().ToString(CultureInfo.InvariantCulture)})");
        }

        var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.ReadWrite);
        if (Flock(file.SafeFileHandle, LockExclusive | LockNonBlocking) != 0)
        {
            var holder = new StreamReader(file).ReadToEnd().Trim();
            file.Dispose();
            var pid = int.TryParse(holder, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? $" (pid {p.ToString(CultureInfo.InvariantCulture)})" : "";
            refusal = $"another omb server{pid} runs on {home} (it holds {path}): stop it first, or use another --home";
            return null;
        }

        file.SetLength(0);
        var text = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        file.Write(text);
        file.Flush();
        refusal = null;
        return new HomeLock(file);
    }

    /// <summary>Releases the lock (closing the file releases it; so does the server's death).</summary>
    public void Dispose() => _file.Dispose();

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);
}
