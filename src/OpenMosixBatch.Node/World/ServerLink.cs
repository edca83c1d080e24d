using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Node.World;

/// <summary>
/// Rank 0's link to the queue server: attaches the world, reads the server's order stream into <see cref="Orders"/>,
/// and posts loads and task events. Events stay queued until the server has committed them; when the server is gone
/// the link keeps them, waits, and attaches again.
/// </summary>
public sealed partial class ServerLink(string socket, string worldId, TimeProvider time, ILogger logger) : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly Channel<WorldOrder> _orders = Channel.CreateUnbounded<WorldOrder>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<object> _outgoing = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    // Tasks whose start went through this link and whose end has not: running, even where the loads (sampled a tick or
    // two ago) do not show them yet.
    private readonly ConcurrentDictionary<TaskKey, string> _started = new();

    // Each task's start as reported, kept until the server acknowledged the task's end: the server keeps a plain task's
    // start in memory until its job's next write, so a server killed meanwhile has it only as dispatched; the link sends
    // the starts again when it attaches (the server ignores a start it already has).
    private readonly ConcurrentDictionary<TaskKey, TaskEvent> _starts = new();
    private readonly OmbApiClient _requests = new(socket, TimeSpan.FromSeconds(30));
    private readonly OmbApiClient _stream = new(socket, Timeout.InfiniteTimeSpan);

    // The latest silence news not yet posted; the marker in _outgoing only wakes the reporter.
    private static readonly object SilenceNews = new();
    private IReadOnlyList<RankSilence>? _silences;

    public string WorldId => worldId;

    /// <summary>Orders from the server, in the order it sent them.</summary>
    public ChannelReader<WorldOrder> Orders => _orders.Reader;

    public void Enqueue(TaskEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e.Kind)
        {
            case TaskEventKind.Started:
                _started[new TaskKey(e.JobId, e.TaskIndex)] = e.Node;
                _starts[new TaskKey(e.JobId, e.TaskIndex)] = e;
                break;
            case TaskEventKind.Ended or TaskEventKind.Lost or TaskEventKind.Checkpointed:
                _started.TryRemove(new TaskKey(e.JobId, e.TaskIndex), out _);
                break;
            default:
                break;
        }

        _outgoing.Writer.TryWrite(e);
    }

    /// <summary>Uploads a packed checkpoint (one attempt); the caller retries while the server is away.</summary>
    public async Task<CheckpointRef> PutCheckpointAsync(long jobId, int taskIndex, string path, string sha256, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return await _requests.PutCheckpointAsync(jobId, taskIndex, file, sha256, ct).ConfigureAwait(false);
    }

    /// <summary>Downloads a committed checkpoint into <paramref name="path"/> (one attempt); returns the hash the server sent.</summary>
    public async Task<string> GetCheckpointAsync(long jobId, int taskIndex, int generation, string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        return await _requests.GetCheckpointAsync(jobId, taskIndex, generation, file, ct).ConfigureAwait(false);
    }

    public void UpdateLoads(IReadOnlyList<NodeLoad> loads) => _outgoing.Writer.TryWrite(loads);

    /// <summary>Queues the ranks rank 0 no longer hears (empty: all heard again) for the next report.</summary>
    public void UpdateSilences(IReadOnlyList<RankSilence> silences)
    {
        Volatile.Write(ref _silences, silences);
        _outgoing.Writer.TryWrite(SilenceNews);
    }

    /// <summary>Attaches (describing the world with <paramref name="describe"/>), then relays until cancelled.</summary>
    public async Task RunAsync(Func<WorldAttachRequest> describe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(describe);
        var pending = new List<TaskEvent>();
        IReadOnlyList<NodeLoad>? loads = null;
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Events queued while no server listened go with the attach, so the server does not take their tasks
                // (ended meanwhile) for lost and run them again.
                Drain(pending, ref loads);
                ResendStarts(pending);
                var attach = Complete(describe(), pending);
                var attached = await _requests.AttachWorldAsync(attach, ct).ConfigureAwait(false);
                LogAttached(worldId, attached.Requeued);
                backoff = TimeSpan.FromMilliseconds(100);
                using var session = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var stream = ReadOrdersAsync(session.Token);
                await ReportAsync(pending, () => loads, l => loads = l, stream, session.Token).ConfigureAwait(false);
                await session.CancelAsync().ConfigureAwait(false);
                await stream.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception e) when (e is ServerUnreachableException or ApiException or HttpRequestException)
            {
                LogServerUnavailable(e.Message, backoff.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(backoff, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
        }
    }

    public void Dispose()
    {
        _requests.Dispose();
        _stream.Dispose();
    }

    /// <summary>Posts what is queued, one request at a time, until the session ends (stream closed or server says detached).</summary>
    private async Task ReportAsync(List<TaskEvent> pending, Func<IReadOnlyList<NodeLoad>?> loads, Action<IReadOnlyList<NodeLoad>?> setLoads, Task stream, CancellationToken ct)
    {
        var reader = _outgoing.Reader;
        while (!stream.IsCompleted)
        {
            if (pending.Count == 0 && loads() is null && Volatile.Read(ref _silences) is null)
            {
                var wait = reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(wait, stream).ConfigureAwait(false) == stream)
                {
                    return;
                }
            }

            var latest = loads();
            Drain(pending, ref latest);
            setLoads(latest);

            var batch = pending.GetRange(0, ReportBatch.Count(pending));
            var silent = Interlocked.Exchange(ref _silences, null);
            var response = await _requests.ReportWorldAsync(new WorldReport(worldId, loads(), batch) { Silent = silent }, ct).ConfigureAwait(false);
            if (!response.Attached)
            {
                LogDetached(worldId);
                return;
            }

            pending.RemoveRange(0, batch.Count);
            ForgetAcknowledgedStarts(batch);
            setLoads(null);
        }
    }

    /// <summary>Puts the starts of the tasks whose end the server has not acknowledged first in what the attach sends.</summary>
    private void ResendStarts(List<TaskEvent> pending)
    {
        var again = _starts.Values.Where(s => !pending.Contains(s)).OrderBy(s => s.Time).ToList();
        pending.InsertRange(0, again);
    }

    /// <summary>A start is no longer sent again once the server acknowledged an end of the task after it.</summary>
    private void ForgetAcknowledgedStarts(List<TaskEvent> acknowledged)
    {
        foreach (var e in acknowledged)
        {
            if (e.Kind is TaskEventKind.Ended or TaskEventKind.Lost or TaskEventKind.Checkpointed
                && _starts.TryGetValue(new TaskKey(e.JobId, e.TaskIndex), out var start) && start.Time <= e.Time)
            {
                _starts.TryRemove(KeyValuePair.Create(new TaskKey(e.JobId, e.TaskIndex), start));
            }
        }
    }

    /// <summary>
    /// The attach as the server must see it: the running tasks of the loads and those started since (the loads lag a
    /// tick or two), the tasks whose events are queued (ended while no server listened), and where the tasks whose
    /// starts go again started.
    /// </summary>
    private WorldAttachRequest Complete(WorldAttachRequest described, List<TaskEvent> pending)
    {
        var listed = described.Running.Select(r => new TaskKey(r.JobId, r.TaskIndex)).ToHashSet();
        var started = _started.Where(p => !listed.Contains(p.Key)).Select(p => new RunningTaskRef(p.Key.JobId, p.Key.TaskIndex, p.Value, 0));
        return described with
        {
            Running = [.. described.Running, .. started],
            Reported = [.. pending.Where(e => e.Kind != TaskEventKind.Stays).Select(e => new TaskKey(e.JobId, e.TaskIndex)).Distinct()],
            Started = [.. pending.Where(e => e.Kind == TaskEventKind.Started).Select(e => new RunningTaskRef(e.JobId, e.TaskIndex, e.Node, e.SessionId ?? 0))],
        };
    }

    /// <summary>Moves what is queued for the server into <paramref name="pending"/> (events) and <paramref name="loads"/> (the latest).</summary>
    private void Drain(List<TaskEvent> pending, ref IReadOnlyList<NodeLoad>? loads)
    {
        while (_outgoing.Reader.TryRead(out var item))
        {
            if (item is TaskEvent e)
            {
                pending.Add(e);
            }
            else if (item != SilenceNews)
            {
                loads = (IReadOnlyList<NodeLoad>)item;
            }
        }
    }

    private async Task ReadOrdersAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var order in _stream.ReadWorldOrdersAsync(worldId, ct).ConfigureAwait(false))
            {
                if (order.Kind != WorldOrderKind.Ping)
                {
                    _orders.Writer.TryWrite(order);
                }
            }

            LogStreamClosed(worldId);
        }
        catch (Exception e) when (e is ServerUnreachableException or ApiException or HttpRequestException or IOException)
        {
            LogServerUnavailable(e.Message, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "world {World} attached to the server ({Requeued} stale task(s) requeued there)")]
    private partial void LogAttached(string world, int requeued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "queue server unavailable ({Reason}); retrying in {Milliseconds} ms, keeping unsent events")]
    private partial void LogServerUnavailable(string reason, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the server no longer knows world {World}: attaching again")]
    private partial void LogDetached(string world);

    [LoggerMessage(Level = LogLevel.Information, Message = "the server closed the order stream of world {World}")]
    private partial void LogStreamClosed(string world);
}
