using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Storage;

/// <summary>A job store in memory, for tests and the trace simulator; same contract as the durable store.</summary>
public sealed class InMemoryJobStore : IJobStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Job> _jobs = [];
    private readonly List<JobEvent> _events = [];
    private long _nextJobId = 1;

    public IReadOnlyList<JobEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public JobStoreSnapshot Load()
    {
        lock (_gate)
        {
            return new JobStoreSnapshot([.. _jobs.Values.OrderBy(j => j.Id)], _nextJobId);
        }
    }

    public void Commit(JobStoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            foreach (var job in batch.Upserts)
            {
                _jobs[job.Id] = job;
            }

            _events.AddRange(batch.Events);
            _nextJobId = Math.Max(_nextJobId, batch.NextJobId);
        }
    }

    public void Dispose()
    {
    }
}
