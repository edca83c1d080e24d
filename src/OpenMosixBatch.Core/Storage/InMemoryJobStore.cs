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
            var afterLast = _jobs.Count == 0 ? 1 : _jobs.Keys.Max() + 1;
            return new JobStoreSnapshot([.. _jobs.Values.OrderBy(j => j.Id)], Math.Max(_nextJobId, afterLast));
        }
    }

    public void Commit(JobStoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // Materialise first, so a batch whose lists fail part-way changes nothing (same as a rolled-back transaction).
        var upserts = batch.Upserts.ToList();
        var events = batch.Events.ToList();
        lock (_gate)
        {
            foreach (var job in upserts)
            {
                _jobs[job.Id] = job;
            }

            _events.AddRange(events);
            _nextJobId = Math.Max(_nextJobId, batch.NextJobId);
        }
    }

    public IReadOnlyList<JobEvent> EventsOf(long jobId)
    {
        lock (_gate)
        {
            // A stable sort: events of the same time keep their append order, as in the durable store.
            return [.. _events.Where(e => e.JobId == jobId).OrderBy(e => e.Time.UtcTicks)];
        }
    }

        public void Dispose()
    {
    }
}
