namespace OpenMosixBatch.Server.Parts;

/// <summary>
/// One part's output so far and its end, as its node reported them, kept until its <c>omb rsh</c> has read them. The
/// bytes before what the client last asked for are dropped, so a chatty part costs only what is not read yet.
/// </summary>
internal sealed class RemotePartRecord(long jobId, int taskIndex, string node, uint ownerUid)
{
    private readonly Lock _lock = new();
    private readonly OutputBuffer _stdout = new();
    private readonly OutputBuffer _stderr = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int? _exitStatus;
    private string? _reason;
    private DateTimeOffset? _endedAt;

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
            _stdout.Append(stdout);
            _stderr.Append(stderr);
            Wake();
        }
    }

    public void End(int exitStatus, string? reason, DateTimeOffset at)
    {
        lock (_lock)
        {
            _exitStatus ??= exitStatus;
            _reason ??= reason;
            _endedAt ??= at;
            Wake();
        }
    }

    /// <summary>What came after the offsets; the end only with the last bytes (so the client prints all before it exits).</summary>
    public (byte[] Stdout, byte[] Stderr, int? ExitStatus, string? Reason) Read(long stdoutFrom, long stderrFrom)
    {
        lock (_lock)
        {
            var stdout = _stdout.ReadFrom(stdoutFrom);
            var stderr = _stderr.ReadFrom(stderrFrom);
            var drained = stdoutFrom + stdout.Length == _stdout.End && stderrFrom + stderr.Length == _stderr.End;
            return drained ? (stdout, stderr, _exitStatus, _reason) : (stdout, stderr, null, null);
        }
    }

    private void Wake() => _changed = Swap(_changed);

    private static TaskCompletionSource Swap(TaskCompletionSource old)
    {
        old.TrySetResult();
        return new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
