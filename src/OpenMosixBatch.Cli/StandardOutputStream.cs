using System.Runtime.InteropServices;

namespace OpenMosixBatch.Cli;

/// <summary>
/// Standard output as write(2) calls on file descriptor 1, which advance the offset the shell's redirection shares
/// (FileStream's positioned writes would not, and two commands appending to one file would overwrite each other).
/// A reader that went away (EPIPE: <c>qstat | head -1</c>) is ignored, as Console's own stream does.
/// </summary>
/// <remarks>
/// Console's stream sets up the terminal on its first write: it creates Console.Out, installs the SIGINT, SIGQUIT,
/// SIGCONT, SIGCHLD and SIGWINCH handlers and starts a signal-handling thread, none of which printing a job id needs.
/// </remarks>
public sealed partial class StandardOutputStream : Stream
{
    private const int StdoutFileno = 1;
    private const int Eintr = 4;
    private const int Epipe = 32;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                var n = WriteFd(StdoutFileno, p + written, buffer.Length - written);
                if (n >= 0)
                {
                    written += (int)n;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == Epipe)
                {
                    return;
                }

                if (errno != Eintr)
                {
                    throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
                }
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteFd(int fd, byte* buffer, nint count);
}
