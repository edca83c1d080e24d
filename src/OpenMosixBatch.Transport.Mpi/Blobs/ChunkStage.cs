using System.Collections.Concurrent;

namespace OpenMosixBatch.Transport.Mpi.Blobs;

/// <summary>
/// One step applied to every chunk of a blob in arrival order (the write to the file), after an optional first step
/// (reserving the file's blocks), on a thread of its own: the inbox reader only queues chunks, so a slow disk never
/// holds up other messages, and the thread pool (which tasks need) is not taken for hundreds of milliseconds. After a failure or <see cref="Skip"/> the chunks
/// that follow are only passed on, so their buffers are still released.
/// </summary>
internal sealed class ChunkStage
{
    private readonly BlockingCollection<BlobChunk> _queue = [];
    private readonly Action<BlobChunk> _apply;
    private readonly Action<Exception> _failed;
    private readonly Action? _prepare;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _skipping;

    /// <param name="name">Thread name, for diagnostics.</param>
    /// <param name="apply">The step; an exception stops it for the rest of the blob.</param>
    /// <param name="failed">Told of the step's first exception, on the stage's thread.</param>
    /// <param name="prepare">Runs once on the stage's thread before the first chunk (chunks queue meanwhile); an
    /// exception fails the stage as the step's would.</param>
    public ChunkStage(string name, Action<BlobChunk> apply, Action<Exception> failed, Action? prepare = null)
    {
        _apply = apply;
        _failed = failed;
        _prepare = prepare;
        _thread = new Thread(Run) { Name = name, IsBackground = true };
    }

    /// <summary>Starts the stage's thread (chunks may be added before): once whoever hears of its failure is ready.</summary>
    public void Start() => _thread.Start();

    /// <summary>The step's first exception, once <see cref="Completion"/> is done; null when every chunk went through.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Completes when every queued chunk was handled after <see cref="Complete"/>.</summary>
    public Task Completion => _completion.Task;

    public void Add(BlobChunk chunk) => _queue.Add(chunk);

    /// <summary>No more chunks will come.</summary>
    public void Complete() => _queue.CompleteAdding();

    /// <summary>The blob is abandoned: chunks still queued are passed on without the step.</summary>
    public void Skip() => _skipping = true;

    private void Run()
    {
        try
        {
            _prepare?.Invoke();
        }
        catch (Exception e)
        {
            Stop(e);
        }

        foreach (var chunk in _queue.GetConsumingEnumerable())
        {
            if (!_skipping)
            {
                try
                {
                    _apply(chunk);
                }
                catch (Exception e)
                {
                    Stop(e);
                }
            }

            chunk.Done();
        }

        _queue.Dispose();
        _completion.TrySetResult();
    }

    private void Stop(Exception e)
    {
        _skipping = true;
        Failure = e;
        _failed(e);
    }
}
