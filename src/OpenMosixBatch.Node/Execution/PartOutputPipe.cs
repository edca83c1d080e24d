using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// The stdout or stderr of a part (<c>omb rsh</c>): a FIFO the node makes and holds open for reading before the part
/// starts, read without blocking as the part's window allows (<see cref="Core.Execution.PartOutputWindow"/>). A part
/// whose reader is slow fills the pipe and waits in its write, as it would behind ssh, so nothing is dropped and the
/// disk does not fill; a rank that dies closes it, and the part's next write fails (SIGPIPE), as behind a dropped ssh.
/// </summary>
internal sealed class PartOutputPipe : IDisposable
{
    private int _fd;

    private PartOutputPipe(int fd) => _fd = fd;

    /// <summary>Makes the FIFO at <paramref name="path"/> (mode 0600; given to <paramref name="owner"/> when set) and opens it for reading.</summary>
    /// <remarks>Opened before the part starts, so the shepherd's open for writing finds a reader and never waits.</remarks>
    public static PartOutputPipe Create(string path, (uint Uid, uint Gid)? owner) =>
        new(Fifo.MakeAndOpen(path, owner, Fifo.ReadOnly | Fifo.NonBlocking | Fifo.CloseOnExec));

    /// <summary>What the pipe holds now, at most <paramref name="limit"/> bytes; none when it is empty, has no writer, or is closed.</summary>
    public byte[] Read(int limit)
    {
        var fd = Volatile.Read(ref _fd);
        if (fd < 0 || limit <= 0)
        {
            return [];
        }

        var buffer = new byte[limit];
        var at = 0;
        while (at < limit)
        {
            var n = (int)Fifo.Read(fd, ref buffer[at], limit - at);
            if (n > 0)
            {
                at += n;
            }
            else if (n < 0 && Marshal.GetLastPInvokeError() == Fifo.Interrupted)
            {
                continue;
            }
            else
            {
                // Empty for now (EAGAIN), no writer (0), or closed.
                break;
            }
        }

        return at == limit ? buffer : buffer[..at];
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = Fifo.Close(fd);
        }
    }
}
