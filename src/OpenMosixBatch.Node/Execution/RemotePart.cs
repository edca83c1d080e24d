namespace OpenMosixBatch.Node.Execution;

/// <summary>
/// A part of a task started here by <c>omb rsh</c>: its process, its output files and how far the relay has read them.
/// </summary>
internal sealed class RemotePart(long jobId, int taskIndex, long partId, TaskProcess process, string record, string output, string error)
{
    private long _outputRead;
    private long _errorRead;

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

    /// <summary>Ticks in a row whose loads did not list the part's task (touched on the tick thread only).</summary>
    public int TicksUnseen { get; set; }

    /// <summary>What stdout gained since the last read, at most <paramref name="limit"/> bytes.</summary>
    public byte[] ReadOutput(int limit) => ReadFrom(Output, ref _outputRead, limit);

    /// <summary>What stderr gained since the last read, at most <paramref name="limit"/> bytes.</summary>
    public byte[] ReadError(int limit) => ReadFrom(Error, ref _errorRead, limit);

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
