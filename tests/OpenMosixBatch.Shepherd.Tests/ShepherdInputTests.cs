using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OpenMosixBatch.Shepherd.Tests;

/// <summary>
/// omb-shepherd's input: --in gives the job a FIFO as stdin, whose writer's close is the job's end of input (omb rsh's
/// piped stdin); --pty runs the job on a pseudo-terminal fed by framed input (qsub -I's keys and window size).
/// </summary>
public sealed partial class ShepherdInputTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("omb-shepherd-in-");

    private static readonly Dictionary<string, string> Environment = new() { ["PATH"] = "/usr/bin:/bin", ["TERM"] = "dumb" };

    [Fact]
    public async Task Run_WithIn_TheJobReadsTheFifo_UntilItsWriterCloses()
    {
        var fifo = Fifo("in");
        var run = ShepherdRun.Start(Arguments("--in", fifo, "/bin/sh", "-c", "cat; echo eof"), Environment, Record);
        await using (var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1))
        {
            await writer.WriteAsync("hi\nthere\n"u8.ToArray());
        }

        await run.WaitAsync();

        Assert.Equal(0, run.End!.ExitStatus);
        Assert.Equal("hi\nthere\neof\n", await File.ReadAllTextAsync(Out));
    }

    [Fact]
    public async Task Run_WithPty_TheJobRunsOnATerminalOfTheGivenSize_AndItsOutputComesOut()
    {
        var fifo = Fifo("pty");
        var run = ShepherdRun.Start(Arguments("--pty", fifo, "/bin/sh"), Environment, Record);
        await using (var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1))
        {
            var size = new byte[4];
            BinaryPrimitives.WriteUInt16BigEndian(size, 33);
            BinaryPrimitives.WriteUInt16BigEndian(size.AsSpan(2), 101);
            await writer.WriteAsync(Frame('W', size));
            await writer.WriteAsync(Frame('D', "test -t 0 && echo on-a-tty; stty size; exit 4\n"u8.ToArray()));
            await run.WaitAsync();
        }

        var output = await File.ReadAllTextAsync(Out);
        Assert.Equal(4, run.End!.ExitStatus);
        // The terminal's line discipline turns each newline into CR LF.
        Assert.Contains("on-a-tty\r\n", output, StringComparison.Ordinal);
        Assert.Contains("33 101\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithInAndPty_IsRefusedWithBadUsage()
    {
        List<string> arguments = ["--record", Record, "--umask", "022", "--dir", _dir.FullName, "--out", Out, "--err", Out, "--in", "/x", "--pty", "/y", "--", "/bin/true"];

        var run = await ShepherdRun.Start(arguments, Environment, Record).WaitAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--in and --pty exclude each other", run.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private string Record => Path.Combine(_dir.FullName, "1-0");

    private string Out => Path.Combine(_dir.FullName, "task.out");

    private List<string> Arguments(string option, string value, params string[] program) =>
        ["--record", Record, "--umask", "022", "--dir", _dir.FullName, "--out", Out, "--err", Out, option, value, "--", .. program];

    private static byte[] Frame(char kind, byte[] body)
    {
        var frame = new byte[5 + body.Length];
        frame[0] = (byte)kind;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    private string Fifo(string name)
    {
        var path = Path.Combine(_dir.FullName, name);
        Assert.Equal(0, MakeFifo(path, 0x180));
        File.WriteAllBytes(Out, []);
        return path;
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);
}
