using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// The stdin of a part (<c>omb rsh</c>) or of an interactive job's terminal (<c>qsub -I</c>): a FIFO the node makes and
/// holds open for writing, fed in order from the client's input orders by one writer loop, so a part that reads slowly
/// holds up only its own input, never the rank. For a terminal the shepherd reads it as frames (see omb-shepherd.c):
/// 'D' bytes, 'W' a window size.
/// </summary>
internal sealed class PartStdin : IDisposable
{
    private readonly Channel<byte[]?> _writes = Channel.CreateUnbounded<byte[]?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _framed;
    private int _fd;

    private PartStdin(int fd, bool framed)
    {
        _fd = fd;
        _framed = framed;
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Makes the FIFO at <paramref name="path"/> (mode 0600; given to <paramref name="owner"/> when set) and opens it.</summary>
    /// <remarks>Opened for reading and writing, so the open never waits for the reader, and the reader sees its end only when this closes it.</remarks>
    public static PartStdin Create(string path, (uint Uid, uint Gid)? owner, bool framed) =>
        new(Fifo.MakeAndOpen(path, owner, Fifo.ReadWrite | Fifo.CloseOnExec), framed);

    /// <summary>Bytes for the reader, in order.</summary>
    public void Write(byte[] bytes)
    {
        if (bytes.Length > 0)
        {
            _writes.Writer.TryWrite(_framed ? Frame((byte)'D', bytes) : bytes);
        }
    }

    /// <summary>A terminal's new size (ignored for a plain stdin).</summary>
    public void Resize(int rows, int columns)
    {
        if (_framed)
        {
            var size = new byte[4];
            BinaryPrimitives.WriteUInt16BigEndian(size, (ushort)rows);
            BinaryPrimitives.WriteUInt16BigEndian(size.AsSpan(2), (ushort)columns);
            _writes.Writer.TryWrite(Frame((byte)'W', size));
        }
    }

    /// <summary>The end of input, after what was written before: the reader sees end of file (a terminal ignores it).</summary>
    public void Close() => _writes.Writer.TryWrite(null);

    /// <summary>Closes the FIFO now (the part ended): pending bytes are dropped.</summary>
    public void Dispose()
    {
        _writes.Writer.TryComplete();
        CloseNow();
    }

    private static byte[] Frame(byte kind, byte[] body)
    {
        var frame = new byte[5 + body.Length];
        frame[0] = kind;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var bytes in _writes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (bytes is null)
            {
                if (!_framed)
                {
                    CloseNow();
                    return;
                }

                continue;
            }

            var at = 0;
            while (at < bytes.Length)
            {
                var fd = Volatile.Read(ref _fd);
                var n = fd < 0 ? -1 : (int)Fifo.Write(fd, ref bytes[at], bytes.Length - at);
                if (n <= 0 && Marshal.GetLastPInvokeError() != Fifo.Interrupted)
                {
                    // Closed, or the reader is gone: the rest of the input has nowhere to go.
                    return;
                }

                at += Math.Max(n, 0);
            }
        }
    }

    private void CloseNow()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = Fifo.Close(fd);
        }
    }
}
