using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// The rank's connection to the node's long-lived launcher (<c>omb-shepherd --launcher SOCKET</c>, node-launcher.c),
/// which starts and holds every task of the node instead of one omb-shepherd process per task. It is started on first
/// use (again if it died), found again by the next rank of the node, and ends by itself once it holds no task and no
/// rank is connected.
/// </summary>
/// <remarks>
/// A launch order is exactly omb-shepherd's arguments and environment block (<see cref="LaunchCommand"/>), so the
/// launch itself is the shepherd's code: what a task's identity, files and environment are does not depend on which
/// of the two holds it. The order goes over the socket; the job's PID comes back once the job leads its session, and
/// its end later (the launcher also records it in the spool, where a later rank adopting the task reads it).
/// </remarks>
public sealed class NodeLauncher(string socketPath, string program) : IDisposable
{
    /// <summary>The longest Unix socket path (sun_path holds 108 bytes with its NUL).</summary>
    public const int MaxSocketPath = 107;

    private static readonly TimeSpan ReplyLimit = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private Link? _link;
    private ulong _nextId;
    private bool _disposed;

    /// <summary>The launcher's PID (what the tasks' shepherd records name), 0 before the first launch.</summary>
    public int LauncherPid { get; private set; }

    /// <summary>Whether the socket path fits a Unix socket address (else the node starts a shepherd per task).</summary>
    public static bool Fits(string socketPath) => Encoding.UTF8.GetByteCount(socketPath) <= MaxSocketPath;

    /// <summary>
    /// Starts a task: <paramref name="arguments"/> are omb-shepherd's, <paramref name="environment"/> the job's block.
    /// Returns the job's PID and the end to come; throws <see cref="InvalidOperationException"/> when nothing started.
    /// </summary>
    public (int JobPid, int LauncherPid, Task<LauncherEnd> Ended) Start(IReadOnlyList<string> arguments, byte[] environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource<LauncherEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        ulong id;
        int launcherPid;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            id = ++_nextId;
            var frame = Frame(id, arguments, environment);
            // A launcher that ended since the last order (idle, or killed) is started again: an order that could not be
            // sent was never received, so nothing runs twice.
            for (var attempt = 0; ; attempt++)
            {
                var link = _link ??= Connect();
                link.Starts[id] = started;
                link.Ends[id] = ended;
                try
                {
                    link.Socket.Send(frame);
                    break;
                }
                catch (SocketException e)
                {
                    link.Starts.TryRemove(id, out _);
                    link.Ends.TryRemove(id, out _);
                    Drop(link);
                    if (attempt > 0)
                    {
                        throw new InvalidOperationException("the node's launcher took no launch order: " + e.Message, e);
                    }
                }
            }

            launcherPid = LauncherPid;
        }

        if (!started.Task.Wait(ReplyLimit))
        {
            throw new InvalidOperationException("the node's launcher did not answer a launch within " + ReplyLimit.TotalSeconds + " s");
        }

        var reply = started.Task.Result;
        if (!int.TryParse(reply, NumberStyles.None, CultureInfo.InvariantCulture, out var jobPid) || jobPid <= 1)
        {
            throw new InvalidOperationException("the node's launcher did not start the task: " + reply);
        }

        return (jobPid, launcherPid, ended.Task);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            if (_link is { } link)
            {
                Drop(link);
            }
        }
    }

    private static byte[] Frame(ulong id, IReadOnlyList<string> arguments, byte[] environment)
    {
        var body = new MemoryStream();
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(number, (uint)arguments.Count);
        body.Write(number[..4]);
        foreach (var a in arguments)
        {
            body.Write(Encoding.UTF8.GetBytes(a));
            body.WriteByte(0);
        }

        body.Write(environment);
        var frame = new byte[13 + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(9 + body.Length));
        frame[4] = (byte)'L';
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(5), id);
        body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(frame.AsSpan(13));
        return frame;
    }

    /// <summary>Connects to the launcher, starting one when none answers with its greeting.</summary>
    private Link Connect()
    {
        for (var attempt = 0; ; attempt++)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                socket.Connect(new UnixDomainSocketEndPoint(socketPath));
                socket.ReceiveTimeout = (int)ReplyLimit.TotalMilliseconds;
                var (kind, _, hello) = ReadFrame(socket) ?? throw new SocketException((int)SocketError.ConnectionReset);
                if (kind != 'H')
                {
                    throw new SocketException((int)SocketError.ProtocolNotSupported);
                }

                socket.ReceiveTimeout = 0;
                LauncherPid = int.Parse(hello.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture);
                var link = new Link(socket);
                var reader = new Thread(() => Read(link)) { IsBackground = true, Name = "node launcher" };
                reader.Start();
                return link;
            }
            catch (SocketException) when (attempt < 3)
            {
                // None listens (never started, or it ended idle just now): start one; it exits once it listens.
                socket.Dispose();
                StartLauncher();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    private void StartLauncher()
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, WorkingDirectory = "/" };
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        info.ArgumentList.Add("--launcher");
        info.ArgumentList.Add(socketPath);
        InheritedDescriptors.CloseOnExecAll();
        using var launcher = Process.Start(info) ?? throw new InvalidOperationException("could not start " + program);
        launcher.WaitForExit();
        if (launcher.ExitCode != 0)
        {
            throw new InvalidOperationException($"the node's launcher ({program} --launcher {socketPath}) could not start: exit {launcher.ExitCode}");
        }
    }

    /// <summary>The launcher's replies, until its connection ends: then what it had not answered is settled.</summary>
    private void Read(Link link)
    {
        try
        {
            while (ReadFrame(link.Socket) is var (kind, id, text))
            {
                switch (kind)
                {
                    case 'P':
                    case 'F':
                        if (link.Starts.TryRemove(id, out var started))
                        {
                            if (kind == 'F')
                            {
                                link.Ends.TryRemove(id, out _);
                            }

                            started.TrySetResult(kind == 'P' ? text : "its launcher refused: " + text);
                        }

                        break;
                    case 'E':
                        if (link.Ends.TryRemove(id, out var end))
                        {
                            var nul = text.IndexOf('\0', StringComparison.Ordinal);
                            end.TrySetResult(new LauncherEnd(nul < 0 ? text : text[..nul], nul < 0 ? "" : text[(nul + 1)..]));
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // The connection is over: settled below.
        }

        lock (_lock)
        {
            Drop(link);
        }

        // Orders it never answered were not started; ends it never told are read from the records it may have written
        // (null: the launcher was killed, and the task is lost, as with a killed shepherd).
        foreach (var id in link.Starts.Keys)
        {
            if (link.Starts.TryRemove(id, out var started))
            {
                started.TrySetResult("the node's launcher ended before it answered");
            }
        }

        foreach (var id in link.Ends.Keys)
        {
            if (link.Ends.TryRemove(id, out var end))
            {
                end.TrySetResult(new LauncherEnd(null, ""));
            }
        }
    }

    /// <summary>Closes the connection; the next launch connects again (called under the lock).</summary>
    private void Drop(Link link)
    {
        link.Socket.Dispose();
        if (_link == link)
        {
            _link = null;
        }
    }

    private static (char Kind, ulong Id, string Text)? ReadFrame(Socket socket)
    {
        var header = new byte[13];
        if (!ReadExactly(socket, header))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length < 9 || length > 1 << 20)
        {
            throw new IOException("the node's launcher sent a malformed frame");
        }

        var body = new byte[length - 9];
        if (!ReadExactly(socket, body))
        {
            return null;
        }

        return ((char)header[4], BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(5)), Encoding.UTF8.GetString(body));
    }

    private static bool ReadExactly(Socket socket, byte[] buffer)
    {
        var at = 0;
        while (at < buffer.Length)
        {
            var n = socket.Receive(buffer, at, buffer.Length - at, SocketFlags.None);
            if (n == 0)
            {
                return false;
            }

            at += n;
        }

        return true;
    }

    /// <summary>One connection to the launcher and the orders it has not answered yet.</summary>
    private sealed class Link(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public ConcurrentDictionary<ulong, TaskCompletionSource<string>> Starts { get; } = new();

        public ConcurrentDictionary<ulong, TaskCompletionSource<LauncherEnd>> Ends { get; } = new();
    }
}
