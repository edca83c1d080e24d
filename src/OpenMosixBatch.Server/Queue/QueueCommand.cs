namespace OpenMosixBatch.Server.Queue;

/// <summary>
/// One request to change the queue. The writer calls <see cref="Decide"/> against the working set (pure decisions,
/// no I/O), commits the whole group, then <see cref="Complete"/> with whether the commit succeeded.
/// </summary>
internal abstract class QueueCommand
{
    /// <summary>Applies the change to <paramref name="working"/>; throws <see cref="QueueRefusalException"/> to refuse it.</summary>
    public abstract void Decide(WorkingSet working, DateTimeOffset now);

    /// <summary>Called after the group commit: <paramref name="failure"/> is null when the change is durable.</summary>
    public abstract void Complete(Exception? failure);
}

/// <summary>A command with a result for its caller.</summary>
internal abstract class QueueCommand<T> : QueueCommand
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _done.Task;

    public override void Decide(WorkingSet working, DateTimeOffset now) => _result = Run(working, now);

    public override void Complete(Exception? failure)
    {
        if (failure is null)
        {
            _done.TrySetResult(_result!);
        }
        else
        {
            _done.TrySetException(failure);
        }
    }

    protected abstract T Run(WorkingSet working, DateTimeOffset now);
}
