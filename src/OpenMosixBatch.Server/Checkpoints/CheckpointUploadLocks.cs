using System.Collections.Concurrent;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Checkpoints;

/// <summary>
/// One upload at a time per task: the generation number is taken from the committed state before the bytes arrive, so
/// two uploads of one task at once would both claim it.
/// </summary>
public sealed class CheckpointUploadLocks
{
    private readonly ConcurrentDictionary<TaskKey, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> TakeAsync(long jobId, int taskIndex, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(new TaskKey(jobId, taskIndex), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
