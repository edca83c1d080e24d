using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// A part of a task started here by <c>omb rsh</c>: its process, its output (FIFOs read within the window its reader
/// opened, <see cref="PartOutputWindow"/>; an interactive terminal's file, which has no window) and how far the relay has
/// read it.
/// </summary>
internal sealed class RemotePart(long jobId, int taskIndex, long partId, TaskProcess process, string record, string output, string error)
    : IDisposable
{
    private long _outputRead;
    private long _errorRead;
    private long _outputCredit;
    private long _errorCredit;
    private TaskCompletionSource _credited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Its stdout and stderr FIFOs (null for a terminal, whose output is the task's file).</summary>
    public (PartOutputPipe Output, PartOutputPipe Error)? Pipes { get; init; }

    /// <summary>Completes when the reader's credit next grows; take it before reading, to miss nothing.</summary>
    public Task Credited => Volatile.Read(ref _credited).Task;

    /// <summary>Its stdin, when its client relays one (omb rsh without -n, qsub -I's terminal).</summary>
    public PartStdin? Stdin { get; init; }

    /// <summary>
    /// Whether it is an interactive job's terminal: the task's own process, which the task runner reports and disposes;
    /// its end is the task's, so it carries no CPU time of its own.
    /// </summary>
    public bool IsTerminal { get; init; }

    /// <summary>Why the node ended it (null while it runs on its own); set once.</summary>
    public string? EndReason;

    public long JobId { get; } = jobId;

    public int TaskIndex { get; } = taskIndex;

    public long PartId { get; } = partId;

    public TaskProcess Process { get; } = process;

    public string Record { get; } = record;

    public string Output { get; } = output;

    public string Error { get; } = error;

    /// <summary>The job's resource request (its memory per chunk bounds the job's processes on this node).</summary>
    public Core.Jobs.ResourceRequest Resources { get; init; } = new();

    /// <summary>How many of the task's chunks this node holds.</summary>
    public int ChunksHere { get; init; } = 1;

    /// <summary>For chunks of several shapes, the memory of the task's chunks on this node (its limit here); null otherwise.</summary>
    public long? MemoryHere { get; init; }

    /// <summary>Ticks in a row whose loads did not list the part's task (touched on the tick thread only).</summary>
    public int TicksUnseen { get; set; }

    /// <summary>The server's word of how far the reader has read each stream (it only grows), which opens the window.</summary>
    public void Acknowledge(long? stdout, long? stderr)
    {
        Raise(ref _outputCredit, stdout ?? 0);
        Raise(ref _errorCredit, stderr ?? 0);
        Interlocked.Exchange(ref _credited, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// What stdout gained since the last read, at most <paramref name="limit"/> bytes and what the window allows; all of
    /// it up to <paramref name="limit"/> when <paramref name="drain"/> (the part ended: what its pipe still holds).
    /// </summary>
    public byte[] ReadOutput(int limit, bool drain = false) =>
        Pipes is { } p ? ReadPipe(p.Output, ref _outputRead, Volatile.Read(ref _outputCredit), limit, drain) : ReadFrom(Output, ref _outputRead, limit);

    /// <summary>As <see cref="ReadOutput"/>, for stderr.</summary>
    public byte[] ReadError(int limit, bool drain = false) =>
        Pipes is { } p ? ReadPipe(p.Error, ref _errorRead, Volatile.Read(ref _errorCredit), limit, drain) : ReadFrom(Error, ref _errorRead, limit);

    public void Dispose()
    {
        Pipes?.Output.Dispose();
        Pipes?.Error.Dispose();
    }

    private static byte[] ReadPipe(PartOutputPipe pipe, ref long sent, long credit, int limit, bool drain)
    {
        var bytes = pipe.Read(drain ? limit : PartOutputWindow.Allowance(sent, credit, limit));
        sent += bytes.Length;
        return bytes;
    }

    private static void Raise(ref long field, long value)
    {
        for (var seen = Volatile.Read(ref field); value > seen; seen = Volatile.Read(ref field))
        {
            if (Interlocked.CompareExchange(ref field, value, seen) == seen)
            {
                return;
            }
        }
    }

    private static byte[] ReadFrom(string path, ref long offset, int limit)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length <= offset)
            {
                return [];
            }

            stream.Position = offset;
            var buffer = new byte[(int)Math.Min(limit, stream.Length - offset)];
            var read = stream.Read(buffer, 0, buffer.Length);
            offset += read;
            return read == buffer.Length ? buffer : buffer[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
