using System.Collections.Concurrent;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Execution;

namespace OpenMosixBatch.Server.Parts;

/// <summary>
/// The parts of running tasks that <c>omb rsh</c> started on other nodes: their output and end as the nodes report them,
/// until their client has read them. Kept in memory: a part lives no longer than its rank, nor its client.
/// </summary>
public sealed class RemotePartBook(TimeProvider time)
{
    /// <summary>How long an ended part waits for its client to read the end before it is dropped (the client died).</summary>
    public static readonly TimeSpan UnreadEndKept = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<long, RemotePartRecord> _parts = new();
    private long _lastId;

    /// <summary>Opens the record of a new part and returns its id.</summary>
    public long Open(long jobId, int taskIndex, string node, uint ownerUid)
    {
        var stale = time.GetUtcNow() - UnreadEndKept;
        foreach (var key in _parts.Where(p => p.Value.EndedAt < stale).Select(p => p.Key).ToList())
        {
            _parts.TryRemove(key, out _);
        }

        var id = Interlocked.Increment(ref _lastId);
        _parts[id] = new RemotePartRecord(jobId, taskIndex, node, ownerUid);
        return id;
    }

    /// <summary>
    /// Opens (or finds) the relay of interactive job <paramref name="jobId"/>'s terminal, whose id is
    /// <see cref="InteractiveSession.TerminalIdOf"/>; null when another user holds it.
    /// </summary>
    /// <param name="resumeAt">What the reader read from the server before, when it reattaches after a restart.</param>
    public long? OpenTerminal(long jobId, uint ownerUid, long? resumeAt = null)
    {
        var id = InteractiveSession.TerminalIdOf(jobId);
        var part = _parts.GetOrAdd(id, _ => new RemotePartRecord(jobId, 0, "", ownerUid));
        return part.OwnerUid == ownerUid ? Resumed(part, id, resumeAt) : null;
    }

    /// <summary>
    /// The relay of job <paramref name="jobId"/>'s terminal when it is still held (its session ended while its reader was
    /// away: its last output and end wait for it); null otherwise.
    /// </summary>
    public long? FindTerminal(long jobId, uint ownerUid, long? resumeAt)
    {
        var id = InteractiveSession.TerminalIdOf(jobId);
        return _parts.TryGetValue(id, out var part) && part.OwnerUid == ownerUid ? Resumed(part, id, resumeAt) : null;
    }

    /// <summary>
    /// Opens the relay of each terminal the <paramref name="events"/> bring output or an end of and none is open for: the
    /// server restarted while the session ran, and the world it adopted kept what it relayed meanwhile. Its reader finds
    /// it when it reattaches (<see cref="OpenTerminal"/> with where it stopped reading).
    /// </summary>
    /// <param name="interactiveOwner">The owner of an interactive job not finished, by job id; null for any other job.</param>
    public void AdoptTerminals(IEnumerable<TaskEvent> events, Func<long, uint?> interactiveOwner)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(interactiveOwner);
        foreach (var e in events)
        {
            if (e.Kind is TaskEventKind.PartOutput or TaskEventKind.PartEnded && e.PartId is { } id && InteractiveSession.IsTerminal(id)
                && id == InteractiveSession.TerminalIdOf(e.JobId) && !_parts.ContainsKey(id) && interactiveOwner(e.JobId) is { } owner)
            {
                _parts.TryAdd(id, new RemotePartRecord(e.JobId, 0, "", owner));
            }
        }
    }

    private static long Resumed(RemotePartRecord part, long id, long? resumeAt)
    {
        if (resumeAt is { } read)
        {
            part.ResumeAt(read);
        }

        return id;
    }

    /// <summary>The caller's part <paramref name="partId"/> (its task and node), or null when the caller has no such part.</summary>
    public (long JobId, int TaskIndex, string Node)? Find(long partId, uint callerUid) =>
        _parts.TryGetValue(partId, out var part) && part.OwnerUid == callerUid && part.EndedAt is null ? (part.JobId, part.TaskIndex, part.Node) : null;

    /// <summary>
    /// Files a node's PartOutput or PartEnded; true when the event is the parts' alone (output), false when the queue has
    /// it too (a part's end, whose CPU time and memory count in the task's resources_used) or it is no part's.
    /// </summary>
    public bool Observe(TaskEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Kind is not (TaskEventKind.PartOutput or TaskEventKind.PartEnded))
        {
            return false;
        }

        var part = e.PartId is { } id ? _parts.GetValueOrDefault(id) : null;
        var mine = part is not null && part.JobId == e.JobId && part.TaskIndex == e.TaskIndex;
        if (e.Kind == TaskEventKind.PartOutput)
        {
            if (mine)
            {
                part!.Append(e.Stdout, e.Stderr);
            }

            return true;
        }

        if (mine)
        {
            part!.End(e.ExitStatus ?? 255, e.Reason, time.GetUtcNow());
        }

        // A terminal's end is its task's, which the queue hears of as the task's own end.
        return e.PartId is { } ended && InteractiveSession.IsTerminal(ended);
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for news of the part after the offsets; null when the caller has no such part
    /// (none, another user's, or already read to its end).
    /// </summary>
    public async Task<RemotePartProgress?> ReadAsync(long partId, uint callerUid, long stdoutFrom, long stderrFrom, TimeSpan wait, CancellationToken ct)
    {
        if (!_parts.TryGetValue(partId, out var part) || part.OwnerUid != callerUid)
        {
            return null;
        }

        var changed = part.Changed;
        var (stdout, stderr, status, reason) = part.Read(stdoutFrom, stderrFrom);
        if (stdout.Length == 0 && stderr.Length == 0 && status is null)
        {
            try
            {
                await changed.WaitAsync(wait, time, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return new RemotePartProgress([], [], null, null);
            }

            (stdout, stderr, status, reason) = part.Read(stdoutFrom, stderrFrom);
        }

        if (status is not null)
        {
            _parts.TryRemove(partId, out _);
        }

        return new RemotePartProgress(stdout, stderr, status, reason);
    }

    /// <summary>
    /// The credit order for the caller's part <paramref name="partId"/> when its reader, now asking from these offsets,
    /// has read far enough since its node was last told (<see cref="PartOutputWindow"/>); null otherwise, and for a
    /// terminal, whose output has no window.
    /// </summary>
    public WorldOrder? Credit(long partId, uint callerUid, long stdoutFrom, long stderrFrom) =>
        _parts.TryGetValue(partId, out var part) && part.OwnerUid == callerUid && part.Node.Length > 0
            && part.Credit(stdoutFrom, stderrFrom) is { } read
            ? new WorldOrder(WorldOrderKind.PartInput, part.JobId, part.TaskIndex, Node: part.Node)
            {
                Input = new RemotePartInput(partId, null) { StdoutRead = read.Stdout, StderrRead = read.Stderr },
            }
            : null;

    /// <summary>Ends a part the world could not be asked to start (none attached).</summary>
    public void Fail(long partId, string reason)
    {
        if (_parts.TryGetValue(partId, out var part))
        {
            part.End(255, reason, time.GetUtcNow());
        }
    }

}
