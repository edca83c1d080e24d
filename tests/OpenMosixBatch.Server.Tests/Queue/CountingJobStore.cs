using OpenMosixBatch.Core.Storage;

namespace OpenMosixBatch.Server.Tests.Queue;

/// <summary>An in-memory store that counts commits and can be told to fail them (a full disk, a broken file).</summary>
internal sealed class CountingJobStore : IJobStore
{
    private readonly InMemoryJobStore _inner = new();
    private int _commits;

    public int Commits => Volatile.Read(ref _commits);

    public bool Fail { get; set; }

    public JobStoreSnapshot Load() => _inner.Load();

    public void Commit(JobStoreBatch batch)
    {
        if (Fail)
        {
            throw new IOException("No space left on device");
        }

        Interlocked.Increment(ref _commits);
        _inner.Commit(batch);
    }

    public void Dispose() => _inner.Dispose();
}
