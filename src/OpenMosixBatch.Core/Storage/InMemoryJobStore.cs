using OpenMosixBatch.Core.Accounting;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Storage;

/// <summary>A job store in memory, for tests and the trace simulator; same contract as the durable store.</summary>
public sealed class InMemoryJobStore : IJobStore, IAccountingStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Job> _jobs = [];
    private readonly List<JobEvent> _events = [];
    private readonly Dictionary<long, AccountingRecord> _accounting = [];
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
            return new JobStoreSnapshot([.. _jobs.Values.Where(j => !j.State.IsFinished()).OrderBy(j => j.Id)], Math.Max(_nextJobId, afterLast));
        }
    }

    public Job? Find(long jobId)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault(jobId);
        }
    }

    public IEnumerable<Job> FinishedJobs(uint? ownerUid)
    {
        lock (_gate)
        {
            return [.. _jobs.Values.Where(j => j.State.IsFinished() && (ownerUid is null || j.Owner.Uid == ownerUid)).OrderBy(j => j.Id)];
        }
    }

    public IReadOnlyList<Job> LatestFinished(int max)
    {
        lock (_gate)
        {
            return [.. _jobs.Values.Where(j => j.State.IsFinished()).OrderByDescending(j => JobEnd.Of(j)).ThenByDescending(j => j.Id).Take(max)];
        }
    }

    public int PruneFinishedBefore(DateTimeOffset before, int max)
    {
        lock (_gate)
        {
            var old = _jobs.Values.Where(j => JobEnd.Of(j) < before).Take(max).Select(j => j.Id).ToHashSet();
            foreach (var id in old)
            {
                _jobs.Remove(id);
            }

            _events.RemoveAll(e => old.Contains(e.JobId));
            return old.Count;
        }
    }

    public void Commit(JobStoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // Materialise first, so a batch whose lists fail part-way changes nothing (same as a rolled-back transaction).
        var upserts = batch.Upserts.ToList();
        var events = batch.Events.ToList();
        var records = upserts.Where(j => j.State.IsFinished()).Select(AccountingRecord.Of).ToList();
        lock (_gate)
        {
            foreach (var job in upserts)
            {
                _jobs[job.Id] = job;
            }

            foreach (var record in records)
            {
                _accounting[record.JobId] = record;
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

    public IReadOnlyList<AccountingRecord> EndedBetween(DateTimeOffset from, DateTimeOffset to, uint? uid)
    {
        lock (_gate)
        {
            return [.. _accounting.Values.Where(r => r.EndTime >= from && r.EndTime < to && (uid is null || r.Uid == uid)).OrderBy(r => r.EndTime)];
        }
    }

    /// <summary>Summed from the records themselves: this store keeps no rollups.</summary>
    public IReadOnlyList<UsageCell> UsageBetween(DateTimeOffset from, DateTimeOffset to, uint? uid) => UsageCell.Of(EndedBetween(from, to, uid));

    public int PruneUsageBefore(DateTimeOffset before, int max) => 0;

    public int PruneEndedBefore(DateTimeOffset before, int max)
    {
        lock (_gate)
        {
            var old = _accounting.Values.Where(r => r.EndTime < before).Take(max).Select(r => r.JobId).ToList();
            old.ForEach(id => _accounting.Remove(id));
            return old.Count;
        }
    }

    public void Dispose()
    {
    }
}
