using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Server.Parts;

/// <summary>
/// One part's output so far and its end, as its node reported them, kept until its <c>omb rsh</c> has read them. The
/// bytes before what the client last asked for are dropped, so a chatty part costs only what is not read yet. A part's
/// node relays no more than its reader's window (<see cref="PartOutputWindow"/>), opened by <see cref="Credit"/> as the
/// reader reads, so a slow reader slows the part and loses nothing. <see cref="StreamBound"/> per stream is the guard
/// behind it, for what has no window (an interactive job's terminal): what comes while a reader is further behind is
/// dropped, and it is told how much on its stderr.
/// </summary>
internal sealed class RemotePartRecord(long jobId, int taskIndex, string node, uint ownerUid)
{
    /// <summary>The most unread output the server holds per stream of a part (its stdout, and its stderr).</summary>
    /// <remarks>
    /// A part's node stays within its window (1 MiB per stream), far below it. A terminal's output is relayed as it comes
    /// (at most 256 KiB per stream every 100 ms) and nothing tells its node to wait, so the bound is the server's there.
    /// </remarks>
    public const int StreamBound = 8 * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly OutputBuffer _stdout = new(StreamBound);
    private readonly OutputBuffer _stderr = new(StreamBound);
    private long _stdoutDropped;
    private long _stderrDropped;

    // The server's own notices on stderr, which are no bytes of the node's; and what the node was last told was read.
    private long _stderrNotices;
    private long _stdoutCredited;
    private long _stderrCredited;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int? _exitStatus;
    private string? _reason;
    private DateTimeOffset? _endedAt;
    private bool _read;

    public long JobId { get; } = jobId;

    public int TaskIndex { get; } = taskIndex;

    public string Node { get; } = node;

    public uint OwnerUid { get; } = ownerUid;

    /// <summary>Completes at the next change; take it before reading, to miss nothing.</summary>
    public Task Changed
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>When the node reported the part's end (null while it runs).</summary>
    public DateTimeOffset? EndedAt
    {
        get
        {
            lock (_lock)
            {
                return _endedAt;
            }
        }
    }

    public void Append(byte[]? stdout, byte[]? stderr)
    {
        lock (_lock)
        {
            _stdoutDropped = Count(_stdoutDropped, _stdout, stdout, "stdout");
            _stderrDropped = Count(_stderrDropped, _stderr, stderr, "stderr");
            Wake();
        }
    }

    public void End(int exitStatus, string? reason, DateTimeOffset at)
    {
        lock (_lock)
        {
            _stdoutDropped = Tell(_stdoutDropped, "stdout");
            _stderrDropped = Tell(_stderrDropped, "stderr");
            _exitStatus ??= exitStatus;
            _reason ??= reason;
            _endedAt ??= at;
            Wake();
        }
    }

    /// <summary>
    /// A terminal's reader reattaching after a server restart, having read <paramref name="stdoutRead"/> bytes from the
    /// server before: what this server holds (relayed since by the node, which sends each byte once) is numbered from
    /// there, unless someone has read from this record already.
    /// </summary>
    public void ResumeAt(long stdoutRead)
    {
        lock (_lock)
        {
            if (!_read)
            {
                _stdout.Renumber(stdoutRead);
            }
        }
    }

    /// <summary>What came after the offsets; the end only with the last bytes (so the client prints all before it exits).</summary>
    public (byte[] Stdout, byte[] Stderr, int? ExitStatus, string? Reason) Read(long stdoutFrom, long stderrFrom)
    {
        lock (_lock)
        {
            _read = true;
            var stdout = _stdout.ReadFrom(stdoutFrom);
            var stderr = _stderr.ReadFrom(stderrFrom);
            var drained = stdoutFrom + stdout.Length == _stdout.End && stderrFrom + stderr.Length == _stderr.End;
            return drained ? (stdout, stderr, _exitStatus, _reason) : (stdout, stderr, null, null);
        }
    }

    /// <summary>
    /// How far the reader has read the node's bytes of each stream, when it moved far enough since the node was last told
    /// (<see cref="PartOutputWindow.CreditDue"/>); null when there is nothing to tell. Offsets past what came are not
    /// believed: a reader cannot open the window beyond what it was sent.
    /// </summary>
    public (long Stdout, long Stderr)? Credit(long stdoutFrom, long stderrFrom)
    {
        lock (_lock)
        {
            if (_endedAt is not null)
            {
                return null;
            }

            var stdout = Math.Clamp(stdoutFrom, 0, _stdout.End);
            var stderr = Math.Clamp(stderrFrom, 0, _stderr.End) - _stderrNotices;
            if (!PartOutputWindow.CreditDue(_stdoutCredited, stdout) && !PartOutputWindow.CreditDue(_stderrCredited, stderr))
            {
                return null;
            }

            (_stdoutCredited, _stderrCredited) = (Math.Max(_stdoutCredited, stdout), Math.Max(_stderrCredited, stderr));
            return (_stdoutCredited, _stderrCredited);
        }
    }

    /// <summary>
    /// Appends <paramref name="bytes"/> to <paramref name="buffer"/> and adds what did not fit to a run of drops; a run
    /// that ends (an append fitted whole, or the part ended) is told on stderr, outside the bound, once.
    /// </summary>
    private long Count(long run, OutputBuffer buffer, byte[]? bytes, string stream)
    {
        if (bytes is not { Length: > 0 })
        {
            return run;
        }

        var dropped = buffer.Append(bytes);
        return dropped > 0 ? run + dropped : Tell(run, stream);
    }

    private long Tell(long run, string stream)
    {
        if (run > 0)
        {
            var notice = System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"omb rsh: {Node}: {run} bytes of the part's {stream} were dropped: its reader fell more than {StreamBound >> 20} MiB behind (the server's bound per stream)\n"));
            _stderr.AppendWhole(notice);
            _stderrNotices += notice.Length;
        }

        return 0;
    }

    private void Wake() => _changed = Swap(_changed);

    private static TaskCompletionSource Swap(TaskCompletionSource old)
    {
        old.TrySetResult();
        return new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
