using System.Runtime.InteropServices;
using System.Text;

namespace OpenMosixBatch.Api.Client.Http11;

/// <summary>
/// A connected, blocking AF_UNIX stream socket made with libc's own calls, as a <see cref="Stream"/>.
/// </summary>
/// <remarks>
/// System.Net.Sockets starts its epoll thread (".NET Sockets") as soon as the first socket is made, even one only
/// ever used with blocking calls, and a managed thread's start waits until the thread runs: on a busy machine that
/// wait alone cost a qsub more than its whole exchange with the server. Errors surface as <see cref="IOException"/>
/// (strerror's text), the time limit as <see cref="TimeoutException"/>.
/// </remarks>
public sealed partial class UnixSocketStream : Stream
{
    private const int AfUnix = 1;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;
    private const int SolSocket = 1;
    private const int SoRcvtimeo = 20;
    private const int SoSndtimeo = 21;
    private const int MsgNosignal = 0x4000;
    private const int Eintr = 4;
    private const int Eagain = 11;
    private const int Einprogress = 115;
    private const int SunPathLength = 108;

    private int _fd;

    private UnixSocketStream(int fd) => _fd = fd;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Connects to <paramref name="path"/>; reads and writes then wait at most <paramref name="timeout"/> each.</summary>
    public static unsafe UnixSocketStream Connect(string path, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(path);
        var address = stackalloc byte[2 + SunPathLength];
        new Span<byte>(address, 2 + SunPathLength).Clear();
        *(ushort*)address = AfUnix;
        var pathBytes = Encoding.UTF8.GetBytes(path);
        if (pathBytes.Length >= SunPathLength)
        {
            throw new IOException($"the socket path {path} is longer than the {SunPathLength - 1} bytes a Unix socket address holds");
        }

        pathBytes.CopyTo(new Span<byte>(address + 2, SunPathLength));
        var fd = Socket(AfUnix, SockStream | SockCloexec, 0);
        if (fd < 0)
        {
            throw LastError();
        }

        var stream = new UnixSocketStream(fd);
        try
        {
            var limit = timeout == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : timeout;
            var timeval = stackalloc long[2] { (long)limit.TotalSeconds, limit.Microseconds + limit.Milliseconds * 1000L };
            if (SetSockOpt(fd, SolSocket, SoRcvtimeo, timeval, 16) != 0 || SetSockOpt(fd, SolSocket, SoSndtimeo, timeval, 16) != 0)
            {
                throw LastError();
            }

            int result;
            while ((result = ConnectSocket(fd, address, 2 + (uint)pathBytes.Length + 1)) != 0 && Marshal.GetLastPInvokeError() == Eintr)
            {
            }

            if (result != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw errno is Eagain or Einprogress ? new TimeoutException("connecting to the server's socket took too long") : Error(errno);
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override unsafe int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = Recv(_fd, p, buffer.Length, 0);
                if (n >= 0)
                {
                    return (int)n;
                }

                Retry("waiting for the server's answer");
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        fixed (byte* p = buffer)
        {
            var sent = 0;
            while (sent < buffer.Length)
            {
                var n = Send(_fd, p + sent, buffer.Length - sent, MsgNosignal);
                if (n >= 0)
                {
                    sent += (int)n;
                    continue;
                }

                Retry("sending the request");
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_fd >= 0)
        {
            _ = Close(_fd);
            _fd = -1;
        }

        base.Dispose(disposing);
    }

    /// <summary>Returns when the call should be made again (EINTR), else throws.</summary>
    private static void Retry(string doing)
    {
        var errno = Marshal.GetLastPInvokeError();
        if (errno == Eintr)
        {
            return;
        }

        throw errno == Eagain ? new TimeoutException($"the time limit ran out {doing}") : Error(errno);
    }

    private static IOException LastError() => Error(Marshal.GetLastPInvokeError());

    private static IOException Error(int errno) => new(Marshal.GetPInvokeErrorMessage(errno), errno);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static unsafe partial int ConnectSocket(int fd, byte* address, uint length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static unsafe partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static unsafe partial nint Recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static unsafe partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
