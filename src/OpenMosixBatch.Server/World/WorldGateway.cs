using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Server.World;

/// <summary>
/// The server's side of the link to the world: which world is attached, and the way orders reach it.
/// The session changes only inside queue commands (on the queue's one writer), so a dispatch committed for a world
/// can never be committed after that world was declared lost.
/// </summary>
public sealed class WorldGateway : IDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private WorldSession? _session;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile bool _stopping;

    public WorldSession? Current => Volatile.Read(ref _session);

    /// <summary>
    /// Set as the server stops its world (before the Stop order): nothing more is dispatched into a world told to stop,
    /// whose ranks would end it at once as the stop's loss, one run too many.
    /// </summary>
    public bool Stopping => _stopping;

    /// <summary>Completes at the next change of session or loads; take it before reading, to miss nothing.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public bool IsCurrent(string worldId) => Current?.Id == worldId;

    /// <summary>Cancelled once the world was stopped on the way down, so order streams end before the web server waits for them.</summary>
    public CancellationToken Closing => _closing.Token;

    internal void Close() => _closing.Cancel();

    /// <summary>See <see cref="Stopping"/>.</summary>
    internal void StopDispatching()
    {
        _stopping = true;
        Signal();
    }

    /// <summary>Installs a new session, closing the previous one's stream.</summary>
    internal void Install(WorldSession session)
    {
        Interlocked.Exchange(ref _session, session)?.Orders.Writer.TryComplete();
        Signal();
    }

    /// <summary>Ends the session of <paramref name="worldId"/> if it is the current one.</summary>
    internal bool Remove(string worldId)
    {
        var current = Current;
        if (current is null || current.Id != worldId || Interlocked.CompareExchange(ref _session, null, current) != current)
        {
            return false;
        }

        current.Orders.Writer.TryComplete();
        Signal();
        return true;
    }

    /// <summary>Signs every start order with its task's cookie (<c>OMB_JOB_COOKIE</c>, for <c>omb rsh</c>); none in tests that need none.</summary>
    public Parts.JobCookies? Cookies { get; init; }

    /// <summary>
    /// Queues an order for the attached world; false when none is attached. A Start gets its task's cookie here, the one
    /// way out, so that no start order (dispatch, restart from a checkpoint, move) leaves without it.
    /// </summary>
    public bool Send(WorldOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Kind == WorldOrderKind.Start && Cookies is not null)
        {
            order = order with { Cookie = Cookies.Of(order.JobId, order.TaskIndex) };
        }

        return Current?.Orders.Writer.TryWrite(order) == true;
    }

    public void Dispose() => _closing.Dispose();

    /// <summary>Wakes whoever waits on <see cref="Changed"/> (the dispatcher): loads or nodes changed.</summary>
    public void Signal() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
