using OpenMosixBatch.Core.Admission;
using OpenMosixBatch.Server.Cluster;
using OpenMosixBatch.Server.Queue;

namespace OpenMosixBatch.Server.Status;

/// <summary>
/// The start-time estimates of the current queue snapshot, computed on demand and kept for at most a second of the
/// same snapshot: qstat -f over every job asks once per job, and each estimate covers the whole queue.
/// </summary>
public sealed class EstimateCache(JobQueue queue, NodeTable nodes, AdmissionSettings settings, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private Entry? _last;

    public IReadOnlyDictionary<long, StartEstimate> Current()
    {
        var state = queue.State;
        var now = time.GetUtcNow();
        if (Volatile.Read(ref _last) is { } last && ReferenceEquals(last.State, state) && now - last.At < MaxAge)
        {
            return last.Estimates;
        }

        lock (_gate)
        {
            if (_last is { } again && ReferenceEquals(again.State, state) && now - again.At < MaxAge)
            {
                return again.Estimates;
            }

            var estimates = StartEstimator.Estimate(state.Index, state.Jobs.GetValueOrDefault, nodes.Snapshot(state), settings, now);
            Volatile.Write(ref _last, new Entry(state, now, estimates));
            return estimates;
        }
    }

    private sealed record Entry(QueueState State, DateTimeOffset At, IReadOnlyDictionary<long, StartEstimate> Estimates);
}
